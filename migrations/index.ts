/** Every migration, in order. `npm run migration:generate -- Name` writes a new file; add it here. */
export const MIGRATIONS: Function[] = [];
