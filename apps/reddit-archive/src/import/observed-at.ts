/** True when the object has an id (a non-empty string). */
export const hasId = (payload: Readonly<Record<string, unknown>>): boolean => typeof payload['id'] === 'string' && payload['id'] !== '';

/** True when the object has a creation time (`created_utc` present and not null). */
export const hasTime = (payload: Readonly<Record<string, unknown>>): boolean => payload['created_utc'] !== undefined && payload['created_utc'] !== null && payload['created_utc'] !== '';
