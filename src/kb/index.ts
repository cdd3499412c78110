/**
 * @module kb
 * The knowledge base: actors, aliases, roles, lexicons, read from the data files in `kb/`.
 * TEMPORARY: an empty kb; the entity layer defines and loads the real one.
 */
export interface Kb {
  dir: string | null;
}

export async function loadKb(dir: string | null = null): Promise<Kb> {
  return { dir };
}
