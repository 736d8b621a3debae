import type { ChannelName, ChannelOutput, ParsedInput } from '../../../shared/contract'
import { todayInLondon } from '../../../shared/calendar-date'
import { futureDateProblems } from '../services/refuse-future-date'
import type { FieldProblem } from '../../../shared/contract/result'
import type { SessionUser } from '../../../shared/contract/session'
import type { CallContext, CoreContext, KeyedCallContext } from '../context'
import { storeStatus } from '../store/parts'
import type { Vault } from '../vault'
import { CoreError } from '../errors'
import { getAboutInfo } from '../services/about'
import { createBackup, restoreBackup } from '../services/backup'
import { backupStatus, dismissBackupReminder, setAutomaticBackup } from '../services/backup-automatic'
import { listCaseload, listClinicians, teamCaseload } from '../services/caseload'
import { rotateStoreKey } from '../services/keys'
import { handoverPreview, reassignCase } from '../services/case-handover'
import { caseSafetyWork, casesForPerson, closeCase, openCase, updateCase } from '../services/cases'
import { handOverLeftWork, listLeftWork } from '../services/left-work'
import { personOverview } from '../services/person-overview'
import { addNote, amendNote, notesForCase } from '../services/notes'
import { discardDraft, getDraft, saveDraft } from '../services/drafts'
import {
  createReferral,
  listReferralDestinations,
  recordReferralConsent,
  recordReferralStep,
  referralsForPerson
} from '../services/referrals'
import {
  deleteSupportResource,
  listSupportResources,
  recordBereavementCounselling,
  recordSignposting,
  saveSupportResource,
  setSupportResourceRetired,
  signpostingForPerson,
  supportResourceCatalogue
} from '../services/signposting'
import { referralChaseSetting, setReferralChaseSetting } from '../services/referrals-chasers'
import { referralWorklist } from '../services/referrals-worklist'
import { referralLetterDocument, referralLetterTemplate, saveReferralLetter, setReferralLetterTemplate } from '../services/referral-letter'
import {
  addExposures,
  createIncident,
  exposuresForPerson,
  listIncidentCategories,
  matchStaffNumbers,
  readExposureThresholds,
  recentIncidents,
  saveIncidentCategory,
  setExposureThresholds
} from '../services/incidents'
import { listRiskFactors, listTrimPractitioners, readTrimSettings, saveRiskFactor, setTrimSettings } from '../services/trim'
import { incidentsToPlan, planTrim, trimPlanForIncident } from '../services/trim-planning'
import { homeAttention } from '../services/home'
import { exportReport } from '../services/report-export'
import { runReport } from '../services/reports'
import { readRetentionPeriods, retentionReview, setRetentionPeriods } from '../services/retention'
import { purgePastRetention } from '../services/retention-purge'
import { recordTrimAssessment } from '../services/trim-assessments'
import { trimForPerson, trimWorklist } from '../services/trim-worklist'
import { takeTrimPrompt, trimTeamPrompts } from '../services/trim-team-prompts'
import { createPerson, getPerson, requireVisiblePerson, updatePerson } from '../services/people'
import { morePersonProblems } from '../services/people-checks'
import { findPeople, searchPeople } from '../services/people-search'
import { chooseImportFile, listPresets, runImport, savePreset } from '../services/people-import'
import {
  deleteRole,
  setTraumaticContentRecall,
  traumaticContentRecall,
  listRoles,
  saveRole,
  setRoleRetired
} from '../services/role-catalogue'
import { correctScreening, readRules, saveScreening, screeningsForPerson, setRules } from '../services/screening'
import { acknowledgeAlert, listAlerts } from '../services/screening-alerts'
import { decideFollowUp, listFollowUps, readAmberFollowUp, setAmberFollowUp } from '../services/screening-follow-ups'
import { dueDepartments, dueList, printDue } from '../services/screening-recall'
import { completeTask, createTask, listTasks } from '../services/tasks'
import { endHandover, startHandover, submitHandover } from '../services/handover'
import { chooseScreeningFile, runScreeningImport } from '../services/screening-import'
import { readPreferences, updatePreferences } from '../services/preferences'
import { consentsForPerson, recordConsent, withdrawConsent } from '../services/consent'
import {
  draftManagementAdvice,
  updateManagementAdvice,
  managementAdviceForPerson,
  managementAdvicePrintable,
  recordReportShown,
  releaseManagementAdvice
} from '../services/management-advice'
import { saveManagementAdvicePdf } from '../services/management-advice-pdf'
import { exportPersonRecord } from '../services/person-record-export'
import { exportList } from '../services/list-export'
import { recoverAccess } from '../services/recovery'
import { readSettings, updateSettings } from '../services/settings'
import { setUpStore } from '../services/setup'
import { damagedTeamSettings } from '../team-server-settings'
import type { JoinTeamInput } from '../../../shared/contract/team-server'
import { signIn } from '../services/sign-in'
import { addUser, changeOwnPassphrase, disableUser, enableUser, listUsers, resetPassphrase, setRoles } from '../services/users'

/**
 * Channels that act on the store as a whole rather than for a signed-in user: they may run with
 * no one signed in (sign-in, first-run setup, recovery, preferences, and a restore when the
 * store cannot be opened), so their handlers get the host and whoever is signed in, if anyone.
 */
export const hostChannels = [
  'about:info',
  'preferences:get',
  'preferences:set',
  'session:status',
  'session:setup',
  'session:unlock',
  'session:lock',
  'session:recover',
  'backup:restore',
  'team-server:join',
  'team-server:chooseCaFile'
] as const satisfies readonly ChannelName[]

/** Channels whose services need the store key or raw driver (see KeyedCallContext). */
export const keyedChannels = ['backup:create', 'keys:rotate'] as const satisfies readonly ChannelName[]

export type HostChannel = (typeof hostChannels)[number]
type KeyedChannel = (typeof keyedChannels)[number]

/** What a host channel's handler gets: the host's parts, and who is signed in (null if no one). */
export interface HostCall {
  core: CoreContext
  vault: Vault
  session: SessionUser | null
  /** Set at first run by the host choice (host-choice.ts): joins a team server instead. */
  joinTeam?: (input: JoinTeamInput) => Promise<SessionUser>
  /** This computer joined a team server whose settings file is now damaged. */
  teamSettingsDamaged?: true
}

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  call: C extends HostChannel ? HostCall : C extends KeyedChannel ? KeyedCallContext : CallContext
) => ChannelOutput<C> | Promise<ChannelOutput<C>>

export type Handlers = { [C in ChannelName]: Handler<C> }

/** One handler per contract channel; each is a thin call into a feature's service. */
export const handlers: Handlers = {
  'about:info': (_input, { core }) => getAboutInfo(core),
  'preferences:get': (_input, { core }) => readPreferences(core),
  'preferences:set': (input, { core }) => updatePreferences(core, input),

  'session:status': (_input, { vault, teamSettingsDamaged }) =>
    teamSettingsDamaged
      ? { ...storeStatus(vault.parts), state: 'unavailable', problem: 'team-settings-damaged' }
      : storeStatus(vault.parts),
  'session:setup': (input, { vault, core, teamSettingsDamaged }) => {
    if (teamSettingsDamaged) throw new CoreError('unavailable', damagedTeamSettings)
    return setUpStore(vault.parts, core, input)
  },
  'session:unlock': (input, { vault, core }) => signIn(vault.parts, core, input.username, input.passphrase),
  'session:lock': (input, { vault }) => {
    vault.parts.session.lock(input.reason ?? 'manual')
    return storeStatus(vault.parts)
  },
  // The dispatcher has already recorded the activity, as for every signed-in call.
  'session:activity': (_input, { session }) => ({ idleLockMinutes: session.status().idleLockMinutes }),
  'session:changePassphrase': (input, call) => changeOwnPassphrase(call, input),
  'session:recover': async (input, { vault, core }) => {
    await recoverAccess(vault.parts, core, input)
    return { username: input.username }
  },

  'team-server:join': (input, { joinTeam }) => {
    if (!joinTeam) throw new CoreError('unavailable', 'Joining a team server is not available here.')
    return joinTeam(input)
  },
  'team-server:chooseCaFile': async (_input, { core }) => ({ path: (await core.dialogs?.chooseCaFile?.()) ?? null }),

  'users:list': (_input, call) => listUsers(call),
  'users:add': (input, call) => addUser(call, input),
  'users:resetPassphrase': (input, call) => resetPassphrase(call, input),
  'users:disable': (input, call) => disableUser(call, input),
  'users:setRoles': (input, call) => setRoles(call, input),
  'users:enable': (input, call) => enableUser(call, input),

  'settings:get': (_input, call) => readSettings(call),
  'settings:set': (input, call) => updateSettings(call, input),

  'backup:create': (_input, call) => createBackup(call),
  'backup:restore': (input, call) => {
    if (storeStatus(call.vault.parts).state === 'no-store') throw new CoreError('conflict', 'There is no store here to restore into.')
    return restoreBackup(call, input)
  },
  'backup:status': (_input, call) => backupStatus(call),
  'backup:setAutomatic': (input, call) => setAutomaticBackup(call, input),
  'backup:dismissReminder': (_input, call) => dismissBackupReminder(call),
  'keys:rotate': (_input, call) => rotateStoreKey(call),

  'roles:list': (input, call) => listRoles(call, input),
  'roles:save': (input, call) => saveRole(call, input),
  'roles:setRetired': (input, call) => setRoleRetired(call, input),
  'roles:delete': (input, call) => deleteRole(call, input),
  'roles:traumaticContentRecall': (_input, call) => traumaticContentRecall(call),
  'roles:setTraumaticContentRecall': (input, call) => setTraumaticContentRecall(call, input),

  'people:search': (input, call) => searchPeople(call, input),
  'people:find': (input, call) => findPeople(call, input),
  'people:get': (input, call) => getPerson(call, input),
  'people:create': (input, call) => createPerson(call, input),
  'people:update': (input, call) => updatePerson(call, input),
  'people:overview': (input, call) => personOverview(call, input),

  'cases:open': (input, call) => openCase(call, input),
  'cases:update': (input, call) => updateCase(call, input),
  'cases:reassign': (input, call) => reassignCase(call, input),
  'cases:close': (input, call) => closeCase(call, input),
  'cases:safetyWork': (input, call) => caseSafetyWork(call, input),
  'cases:forPerson': (input, call) => casesForPerson(call, input),
  'cases:handoverPreview': (input, call) => handoverPreview(call, input),
  'cases:leftWork': (_input, call) => listLeftWork(call),
  'cases:handOverLeftWork': (input, call) => handOverLeftWork(call, input),

  'notes:add': (input, call) => addNote(call, input),
  'notes:amend': (input, call) => amendNote(call, input),
  'notes:forCase': (input, call) => notesForCase(call, input),

  'drafts:get': (input, call) => getDraft(call, input),
  'drafts:save': (input, call) => saveDraft(call, input),
  'drafts:discard': (input, call) => discardDraft(call, input),
  'referrals:destinations': (_input, call) => listReferralDestinations(call),
  'referrals:create': (input, call) => createReferral(call, input),
  'referrals:recordConsent': (input, call) => recordReferralConsent(call, input),
  'referrals:recordStep': (input, call) => recordReferralStep(call, input),
  'referrals:forPerson': (input, call) => referralsForPerson(call, input),
  'signposting:resources': (_input, call) => listSupportResources(call),
  'signposting:record': (input, call) => recordSignposting(call, input),
  'signposting:forPerson': (input, call) => signpostingForPerson(call, input),
  'signposting:recordBereavement': (input, call) => recordBereavementCounselling(call, input),
  'signposting:catalogue': (_input, call) => supportResourceCatalogue(call),
  'signposting:saveResource': (input, call) => saveSupportResource(call, input),
  'signposting:setResourceRetired': (input, call) => setSupportResourceRetired(call, input),
  'signposting:deleteResource': (input, call) => deleteSupportResource(call, input),
  'referrals:worklist': (input, call) => referralWorklist(call, input),
  'referrals:chaseSetting': (_input, call) => referralChaseSetting(call),
  'referrals:setChaseSetting': (input, call) => setReferralChaseSetting(call, input),
  'referrals:letterTemplate': (_input, call) => referralLetterTemplate(call),
  'referrals:setLetterTemplate': (input, call) => setReferralLetterTemplate(call, input),
  'referrals:letterPreview': (input, call) => referralLetterDocument(call, input),
  'referrals:saveLetter': (input, call) => saveReferralLetter(call, input),
  'incidents:categories': (input, call) => listIncidentCategories(call, input),
  'incidents:saveCategory': (input, call) => saveIncidentCategory(call, input),
  'incidents:create': (input, call) => createIncident(call, input),
  'incidents:addExposures': (input, call) => addExposures(call, input),
  'incidents:matchStaffNumbers': (input, call) => matchStaffNumbers(call, input),
  'incidents:recent': (input, call) => recentIncidents(call, input),
  'incidents:forPerson': (input, call) => exposuresForPerson(call, input),
  'incidents:thresholds': (_input, call) => readExposureThresholds(call),
  'incidents:setThresholds': (input, call) => setExposureThresholds(call, input),
  'consent:forPerson': (input, call) => consentsForPerson(call, input),
  'consent:record': (input, call) => recordConsent(call, input),
  'consent:withdraw': (input, call) => withdrawConsent(call, input),
  'management-advice:forPerson': (input, call) => managementAdviceForPerson(call, input),
  'management-advice:draft': (input, call) => draftManagementAdvice(call, input),
  'management-advice:update': (input, call) => updateManagementAdvice(call, input),
  'management-advice:recordShown': (input, call) => recordReportShown(call, input),
  'management-advice:release': (input, call) => releaseManagementAdvice(call, input),
  'management-advice:document': (input, call) => managementAdvicePrintable(call, input),
  'management-advice:savePdf': (input, call) => saveManagementAdvicePdf(call, input),
  'trim:riskFactors': (input, call) => listRiskFactors(call, input),
  'trim:saveRiskFactor': (input, call) => saveRiskFactor(call, input),
  'trim:settings': (_input, call) => readTrimSettings(call),
  'trim:setSettings': (input, call) => setTrimSettings(call, input),
  'trim:practitioners': (_input, call) => listTrimPractitioners(call),
  'trim:planForIncident': (input, call) => trimPlanForIncident(call, input),
  'trim:plan': (input, call) => planTrim(call, input),
  'trim:incidentsToPlan': (_input, call) => incidentsToPlan(call),
  'trim:worklist': (_input, call) => trimWorklist(call),
  'trim:assess': (input, call) => recordTrimAssessment(call, input),
  'trim:forPerson': (input, call) => trimForPerson(call, input),
  'trim:teamPrompts': (_input, call) => trimTeamPrompts(call),
  'trim:takePrompt': (input, call) => takeTrimPrompt(call, input),
  'home:attention': (_input, call) => homeAttention(call),
  'person-record-export:save': (input, call) => exportPersonRecord(call, input),
  'list-export:save': (input, call) => exportList(call, input),
  'reports:run': (input, call) => runReport(call, input),
  'retention:settings': (_input, call) => readRetentionPeriods(call),
  'retention:setSettings': (input, call) => setRetentionPeriods(call, input),
  'retention:review': (_input, call) => retentionReview(call),
  'retention:purge': (input, call) => purgePastRetention(call, input),
  'reports:export': (input, call) => exportReport(call, input),

  'tasks:create': (input, call) => createTask(call, input),
  'tasks:complete': (input, call) => completeTask(call, input),
  'tasks:list': (input, call) => listTasks(call, input),

  'caseload:list': (input, call) => listCaseload(call, input),
  'caseload:team': (_input, call) => teamCaseload(call),
  'caseload:clinicians': (_input, call) => listClinicians(call),

  'people-import:choose': (_input, call) => chooseImportFile(call),
  'people-import:run': (input, call) => runImport(call, input),
  'people-import:presets': (_input, call) => listPresets(call),
  'people-import:savePreset': (input, call) => savePreset(call, input),

  'screening:save': (input, call) => saveScreening(call, input),
  'screening:correct': (input, call) => correctScreening(call, input),
  'screening:forPerson': (input, call) => screeningsForPerson(call, input),
  'screening:alerts': (input, call) => listAlerts(call, input),
  'screening:acknowledge': (input, call) => acknowledgeAlert(call, input),
  'screening:followUps': (input, call) => listFollowUps(call, input),
  'screening:decide': (input, call) => decideFollowUp(call, input),
  'screening:due': (input, call) => dueList(call, input),
  'screening:printDue': (input, call) => printDue(call, input),
  'screening:dueDepartments': (_input, call) => dueDepartments(call),
  'screening:rules': (_input, { db }) => readRules(db),
  'screening:setRules': (input, call) => setRules(call, input),
  'screening:followUpSetting': async (_input, { db }) => ({ amber: await readAmberFollowUp(db) }),
  'screening:setFollowUpSetting': (input, call) => setAmberFollowUp(call, input),

  'handover:start': (input, call) => startHandover(call, input),
  'handover:submit': (input, call) => submitHandover(call, input),
  'handover:end': (input, call) => endHandover(call, input),

  'screening-import:choose': (_input, call) => chooseScreeningFile(call),
  'screening-import:run': (input, call) => runScreeningImport(call, input)
}

/** Finds a service's own problems with input the contract refused (paths as in the input). */
export type InputChecker = (raw: unknown, refused: FieldProblem[], call: CallContext) => Promise<FieldProblem[]>

const underChanges = (problems: FieldProblem[]) =>
  problems.filter((p) => p.field.startsWith('changes.')).map((p) => ({ ...p, field: p.field.slice('changes.'.length) }))

/**
 * Channels whose forms must hear of every problem at once: when the contract refuses the input,
 * the service's own checks (a staff number in use, dates that cannot be right) run on the
 * well-formed fields too, and their problems join the refusal. Nothing is written either way.
 */
/** A checker for a form whose one service check on refused input is a date that cannot be in the future. */
const futureDate =
  (field: string, label: string): InputChecker =>
  (raw, refused, call) =>
    Promise.resolve(futureDateProblems(raw, refused, todayInLondon(call.core.clock()), field, label))

export const inputCheckers: { [C in ChannelName]?: InputChecker } = {
  'incidents:create': futureDate('occurredOn', 'The date of the incident'),
  'notes:add': futureDate('contactDate', 'The contact date'),
  'consent:record': futureDate('givenOn', 'The date consent was given'),
  'signposting:record': futureDate('signpostedOn', 'The date signposted'),
  'referrals:recordStep': futureDate('happenedOn', 'The date it happened'),
  'people:create': (raw, refused, call) => morePersonProblems(call, raw, refused),
  'people:update': async (raw, refused, call) => {
    const { id, changes } = (raw ?? {}) as { id?: unknown; changes?: unknown }
    if (typeof id !== 'string' || refused.some((p) => p.field === 'id')) return []
    await requireVisiblePerson(call, id)
    const more = await morePersonProblems(call, changes, underChanges(refused), id)
    return more.map((p) => ({ ...p, field: `changes.${p.field}` }))
  }
}
