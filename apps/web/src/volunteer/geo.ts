/** Distances between WGS-84/GCJ-02 points (the few hundred metres between the two do not change an order). */
export interface Point {
  longitude: number;
  latitude: number;
}

const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export const fmtDistance = (km: number) => (km < 1 ? `${Math.round(km * 1000)} 米` : `${km.toFixed(1)} 公里`);

/** The browser's position, or null when the person does not allow it (or it takes too long). */
export function currentPosition(timeoutMs = 8000): Promise<Point | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ longitude: p.coords.longitude, latitude: p.coords.latitude }),
      () => resolve(null),
      { timeout: timeoutMs, maximumAge: 300_000 },
    );
  });
}
