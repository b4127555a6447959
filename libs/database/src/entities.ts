/**
 * Every TypeORM entity of the platform. The API, the worker, the migration CLI and the drift
 * check all read this list, so an entity missing here is caught by the drift test.
 */
export const ENTITIES: Function[] = [];
