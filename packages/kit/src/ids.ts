const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid in canonical text form: checked before it reaches a uuid column (Postgres would throw). */
export const isUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);
