/**
 * User-count profiles from the seed's Locust setup. Pure data (no Node imports): the k6 scripts
 * bundle this file too.
 */
export type ProfileName = 'light' | 'medium' | 'heavy';

export interface LoadProfile {
  name: ProfileName;
  /** The Locust user class with this profile (libs/load/locust/locustfile.py). */
  locustClass: 'LightLoad' | 'MediumLoad' | 'HeavyLoad';
  /** Concurrent users (VUs). */
  users: number;
  /** Users started per second when ramping (Locust's --spawn-rate). */
  spawnRate: number;
  /** Think time between a user's actions in ms (Locust's wait_time = between(min, max)). */
  thinkTimeMs: readonly [number, number];
}

const PROFILES: Record<ProfileName, { scaled: LoadProfile; full: LoadProfile }> = {
  light: {
    scaled: { name: 'light', locustClass: 'LightLoad', users: 10, spawnRate: 10, thinkTimeMs: [1000, 3000] },
    full: { name: 'light', locustClass: 'LightLoad', users: 10, spawnRate: 1, thinkTimeMs: [1000, 3000] },
  },
  medium: {
    scaled: { name: 'medium', locustClass: 'MediumLoad', users: 50, spawnRate: 50, thinkTimeMs: [500, 2000] },
    full: { name: 'medium', locustClass: 'MediumLoad', users: 50, spawnRate: 2, thinkTimeMs: [500, 2000] },
  },
  heavy: {
    scaled: { name: 'heavy', locustClass: 'HeavyLoad', users: 100, spawnRate: 100, thinkTimeMs: [100, 1000] },
    full: { name: 'heavy', locustClass: 'HeavyLoad', users: 200, spawnRate: 5, thinkTimeMs: [100, 1000] },
  },
};

export const PROFILE_NAMES: readonly ProfileName[] = ['light', 'medium', 'heavy'];

/**
 * A profile: the default is sized for a 2-core machine (all users at once, so short runs measure
 * the full load); `full` is the seed's size and spawn rates.
 */
export function loadProfile(name: ProfileName, options: { full?: boolean } = {}): LoadProfile {
  const p = PROFILES[name];
  if (!p) throw new TypeError(`unknown load profile '${name}' (known: ${PROFILE_NAMES.join(', ')})`);
  return options.full ? p.full : p.scaled;
}

export function isProfileName(s: string): s is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(s);
}
