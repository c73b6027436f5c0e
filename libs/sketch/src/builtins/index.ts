import type { Sketch } from '../types';
import { aurora } from './aurora';
import { flowField } from './flow-field';
import { truchet } from './truchet';

/** Built-in sketches by name; `aurora` is the default demo. */
export const BUILTIN_SKETCHES: Record<string, Sketch<any>> = {
  aurora,
  'flow-field': flowField,
  truchet,
};

export const DEFAULT_SKETCH = 'aurora';
