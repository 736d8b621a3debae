import { z } from 'zod'

/** Progress of long work (imports, rotating the store key), pushed to the window while it runs. */
export const progressUpdate = z.object({
  task: z.enum(['people-import', 'key-rotation']),
  phase: z.enum(['checking', 'saving', 'copying', 'verifying', 'sealing', 'swapping', 'finishing', 'done']),
  done: z.number().int(),
  total: z.number().int()
})

export type ProgressUpdate = z.infer<typeof progressUpdate>

export const progressEvents = { 'progress:update': progressUpdate }
