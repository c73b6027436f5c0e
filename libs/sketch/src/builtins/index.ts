import type { BuiltinSketchName } from '@framefarm/run-store';
import type { Sketch } from '../types';
import { aurora } from './aurora';
import { flowField } from './flow-field';
import { truchet } from './truchet';

/**
 * Built-in sketches by name; `aurora` is the default demo. The names are run settings
 * (BUILTIN_SKETCH_NAMES in @framefarm/run-store, which plan checks a SKETCH against without
 * loading any canvas code); `satisfies` keeps this table and that list the same.
 */
export const BUILTIN_SKETCHES: Record<string, Sketch<any>> = {
  aurora,
  'flow-field': flowField,
  truchet,
} satisfies Record<BuiltinSketchName, Sketch<any>>;

export const DEFAULT_SKETCH = 'aurora';
