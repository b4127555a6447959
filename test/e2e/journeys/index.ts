import type { Journey } from './journey';
import { statusAndLanguage } from './status-and-language.journey';

/** Every browser journey, in the order they run (later ones may rely on state earlier ones made). */
export const JOURNEYS: Journey[] = [statusAndLanguage];
