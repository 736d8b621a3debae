/**
 * How big a change between two consecutive scores must be to count as reliable, per the
 * reference (PHQ-9 6, GAD-7 4, CORE-10 6). PCL-5: the reference gives 5–10 as reliable and
 * 10 as clinically meaningful; Harbour uses 10 and labels it as the conservative choice.
 */
export const reliableChange: Record<string, number> = { phq9: 6, gad7: 4, core10: 6, pcl5: 10 }

export function isReliableChange(instrument: string, from: number, to: number): boolean {
  const threshold = reliableChange[instrument]
  return threshold !== undefined && Math.abs(to - from) >= threshold
}
