import { z } from 'zod'

const component = z.object({
  name: z.string(),
  version: z.string(),
  licence: z.string()
})

export const aboutInfo = z.object({
  productName: z.string(),
  version: z.string(),
  dataFolder: z.string(),
  platform: z.string(),
  runtime: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable()
  }),
  components: z.array(component)
})

export type AboutInfo = z.infer<typeof aboutInfo>
export type BundledComponent = z.infer<typeof component>

export const aboutChannels = {
  'about:info': {
    input: z.object({}).strict(),
    output: aboutInfo,
    access: 'public'
  }
} as const
