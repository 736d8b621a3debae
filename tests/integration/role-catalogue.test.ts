import { describe, expect, it } from 'vitest'
import type { CatalogueRole } from '../../shared/contract/role-catalogue'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const newRole = {
  name: 'Roads Policing',
  description: 'Fatal and serious collisions at the roadside.',
  riskTier: 'elevated',
  screeningIntervalMonths: 24,
  screeningBattery: ['phq9', 'pcl5']
}

describe('role catalogue', () => {
  it('ships the default roles with kebab-case codes, risk tiers and intervals', async () => {
    const { call } = await caseloadStore(tempFolder())
    const roles = await call<CatalogueRole[]>('roles:list', {})
    const byCode = new Map(roles.map((role) => [role.id, role]))
    expect(byCode.get('online-child-sexual-exploitation-indecent-image-grading')).toMatchObject({
      riskTier: 'highest',
      screeningIntervalMonths: 6
    })
    expect(byCode.get('firearms')).toMatchObject({ riskTier: 'high', screeningIntervalMonths: 12 })
    expect(byCode.get('neighbourhood')).toMatchObject({ screeningIntervalMonths: null })
  })

  it('lets an administrator add and edit roles, auditing field names', async () => {
    const { call, raw, host } = await caseloadStore(tempFolder())
    const added = await call<CatalogueRole>('roles:save', newRole)
    expect(added).toMatchObject({ id: 'roads-policing', name: 'Roads Policing', retired: false, peopleCount: 0 })
    const edited = await call<CatalogueRole>('roles:save', { ...newRole, id: added.id, screeningIntervalMonths: 12 })
    expect(edited.screeningIntervalMonths).toBe(12)
    expect(host.vault.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'role.updated'").get()).toEqual({
      detail: 'screening_interval_months'
    })
    expect(await raw('roles:save', { ...newRole, name: 'firearms' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: ['name'] }
    })
    expect(await raw('roles:save', { ...newRole, screeningIntervalMonths: 0 })).toMatchObject({
      ok: false,
      error: { fields: ['screeningIntervalMonths'] }
    })
  })

  it('a new interval reaches everyone in that role from their own role, and no one in another role', async () => {
    const { call } = await caseloadStore(tempFolder())
    // The first person on record holds a role with no recall: the fault 0120 repairs gave
    // everyone in the changed role this person's role, taking them off the recall list.
    await call('people:create', personFields({ staffNumber: 'PC1', roleId: 'neighbourhood' }))
    const officer = await call<{ id: string }>('people:create', personFields({ staffNumber: 'PC2', roleId: 'firearms' }))
    const neighbour = await call<{ id: string }>('people:create', personFields({ staffNumber: 'PC3', roleId: 'neighbourhood' }))
    const firearms = (await call<CatalogueRole[]>('roles:list', {})).find((role) => role.id === 'firearms')
    if (firearms === undefined) throw new Error('the firearms role is shipped')
    const { id, name, description, riskTier, screeningBattery } = firearms
    await call('roles:save', { id, name, description, riskTier, screeningBattery, screeningIntervalMonths: 6 })
    const recall = async (personId: string) =>
      (await call<{ nextScreening: { status: string } }>('people:overview', { id: personId })).nextScreening.status
    expect(await recall(officer.id)).toBe('never-screened')
    expect(await recall(neighbour.id)).toBe('not-recalled')
  })

  it('retires a role in use instead of deleting it, and deletes an unused one', async () => {
    const { call, raw } = await caseloadStore(tempFolder())
    await call('people:create', personFields({ roleId: 'custody' }))
    expect(await raw('roles:delete', { id: 'custody' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This role is held by 1 person, so it cannot be deleted. Retire it instead.' }
    })
    const retired = await call<CatalogueRole>('roles:setRetired', { id: 'custody', retired: true })
    expect(retired).toMatchObject({ retired: true, peopleCount: 1 })
    expect((await call<CatalogueRole[]>('roles:list', {})).some((r) => r.id === 'custody')).toBe(false)
    expect((await call<CatalogueRole[]>('roles:list', { includeRetired: true })).some((r) => r.id === 'custody')).toBe(true)
    await call('roles:delete', { id: 'hostage-and-crisis-negotiation' })
    expect(
      (await call<CatalogueRole[]>('roles:list', { includeRetired: true })).some((r) => r.id === 'hostage-and-crisis-negotiation')
    ).toBe(false)
  })
})
