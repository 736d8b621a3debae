import { z } from 'zod'

/** Progress of long work (imports), pushed to the window while it runs. */
export const progressUpdate = z.object({
  task: z.enum(['people-import']),
  phase: z.enum(['checking', 'saving', 'done']),
  done: z.number().int(),
  total: z.number().int()
})

export type ProgressUpdate = z.infer<typeof progressUpdate>

export const progressEvents = { 'progress:update': progressUpdate }
