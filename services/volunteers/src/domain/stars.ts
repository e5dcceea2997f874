/** Star level (0–5) from cumulative verified hours: the number of thresholds reached (default 100/300/600/1000/1500). */
export function starLevel(hours: number, thresholds: number[]): number {
  return thresholds.filter((t) => hours + 1e-9 >= t).length;
}

/** Hours still needed for the next star, or null at five stars. */
export function hoursToNextStar(hours: number, thresholds: number[]): number | null {
  const next = thresholds.find((t) => hours + 1e-9 < t);
  return next === undefined ? null : Math.round((next - hours) * 100) / 100;
}
