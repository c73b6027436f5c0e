import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { AnyNode, ObjectExpression, Program } from 'acorn';
import { InvalidSketchError, UnreadableSettingError } from './errors';
import { validateSketch } from './load';
import { SKETCH_SETTINGS, type SketchSetting } from './types';

/** The settings a sketch declares for itself; unset ones are left to the run's flags and defaults. */
export type SketchDeclarations = Partial<Record<SketchSetting, number>>;

const FIELDS = ['draw', 'setup', ...SKETCH_SETTINGS] as const;
type Field = (typeof FIELDS)[number];

/**
 * A value read from the file: a constant, a function, what only running the sketch would tell
 * (unknown), or a name the file does not write but may export from elsewhere (`export * from`).
 */
type Read = { kind: 'value'; value: unknown } | { kind: 'function' } | { kind: 'unknown' } | { kind: 'elsewhere' };
const UNKNOWN: Read = { kind: 'unknown' };
const FUNCTION: Read = { kind: 'function' };
const ELSEWHERE: Read = { kind: 'elsewhere' };

/** Where an export's value is written: its expression, or already read. */
type Source = AnyNode | Read;

const LOADERS: Record<string, 'ts' | 'tsx' | 'jsx' | 'js'> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/**
 * Reads what a user's sketch declares (width, height, fps, frames) from its file, without running
 * any of it: a sketch is untrusted code, and only the render job runs it. A setting is read when
 * the file exports it as a number, or as arithmetic on numbers and on constants that are (`export
 * const frames = 8 * fps`), by name, in `export default { … }`, or CommonJS's `exports.frames = …`.
 * A setting exported some other way (computed by a call, imported) cannot be read: it is refused
 * (UnreadableSettingError) unless it is in `skip`, the settings the caller has from elsewhere.
 * Bad exports get the same messages as loadSketch.
 */
export async function readSketchDeclarations(file: string, options: { skip?: readonly SketchSetting[] } = {}): Promise<SketchDeclarations> {
  const filename = basename(file);
  // Loaded on demand, as in bundleSketch: the render job never reads declarations.
  const { transform } = require('esbuild') as typeof import('esbuild');
  const { parse } = require('acorn') as typeof import('acorn');
  // esbuild strips the types; the module syntax stays as written.
  const { code } = await transform(await readFile(file, 'utf8'), { loader: LOADERS[extname(file)] ?? 'js', logLevel: 'silent' });
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch (error) {
    throw new InvalidSketchError(`could not read the settings sketch ${filename} declares: ${(error as Error).message}`);
  }
  const read = readExports(program, code);
  const skipped = new Set<Field>(options.skip);
  const fields = Object.fromEntries(FIELDS.map((field) => [field, skipped.has(field) ? undefined : read(field)])) as Record<Field, Read | undefined>;
  for (const setting of SKETCH_SETTINGS) {
    const kind = fields[setting]?.kind;
    if (kind === 'unknown' || kind === 'elsewhere') throw new UnreadableSettingError(filename, setting, kind === 'unknown' ? 'computed' : 'elsewhere');
  }
  // What cannot be read of draw and setup (imported, made by a call) is left to the render job to check.
  const standIn = Object.fromEntries(
    FIELDS.map((field) => {
      const found = fields[field];
      return [field, found === undefined ? undefined : found.kind === 'value' ? found.value : () => undefined];
    }),
  );
  const { width, height, fps, frames } = validateSketch(standIn, filename);
  return { width, height, fps, frames };
}

/**
 * The reader of one field of the sketch object, as loadSketch finds it: the module's default
 * export when it has one, else the module's exports. Undefined: certainly not exported.
 */
function readExports(program: Program, code: string): (field: Field) => Read | undefined {
  const constants = topLevelConstants(program);
  const evaluate = (source: Source | undefined): Read => (source === undefined ? { kind: 'value', value: undefined } : 'type' in source ? evaluateNode(source, constants, 0) : source);
  let exported = new Map<string, Source>();
  /** Any name may be exported: `export * from`, a spread, `exports` used in a way not read here. */
  let open = false;

  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const d of declaration.declarations) if (d.id.type === 'Identifier') exported.set(d.id.name, declaration.kind === 'const' && d.init ? d.init : UNKNOWN);
      } else if (declaration) {
        exported.set(declaration.id.name, declaration);
      }
      for (const specifier of statement.specifiers) {
        // Re-exported from another module: only running that would tell.
        exported.set(nameOf(specifier.exported), statement.source ? UNKNOWN : specifier.local);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      exported.set('default', statement.declaration);
    } else if (statement.type === 'ExportAllDeclaration') {
      open = true;
    } else {
      const assigned = statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' && statement.expression.operator === '=' ? statement.expression : undefined;
      const target = assigned && commonJsTarget(assigned.left);
      if (assigned && target === MODULE_EXPORTS) {
        const object = objectFields(assigned.right, constants);
        exported = object?.fields ?? new Map();
        open = object?.open ?? true;
      } else if (assigned && typeof target === 'string') {
        exported.set(target, assigned.right);
      } else if (/\bexports\b/.test(code.slice(statement.start, statement.end))) {
        // Object.assign(exports, …), exports[name] = …, an export inside a block: only running it would tell.
        open = true;
      }
    }
  }

  const defaultExport = exported.get('default');
  if (defaultExport === undefined) return (field) => (exported.has(field) ? evaluate(exported.get(field)) : open ? ELSEWHERE : undefined);
  // The sketch is the default export: an object literal's fields, a function (which has no draw), or unreadable.
  const object = 'type' in defaultExport ? objectFields(defaultExport, constants) : undefined;
  if (!object) return () => (evaluate(defaultExport).kind === 'function' ? undefined : UNKNOWN);
  return (field) => (object.fields.has(field) ? evaluate(object.fields.get(field)) : object.open ? ELSEWHERE : undefined);
}

const MODULE_EXPORTS = Symbol('module.exports');

/** `exports.x = …` and `module.exports.x = …` name x; `module.exports = …` replaces them all. */
function commonJsTarget(left: AnyNode): string | typeof MODULE_EXPORTS | undefined {
  if (left.type !== 'MemberExpression') return undefined;
  const property = memberName(left);
  if (left.object.type === 'Identifier' && left.object.name === 'module' && property === 'exports') return MODULE_EXPORTS;
  const onExports = (left.object.type === 'Identifier' && left.object.name === 'exports') || (left.object.type === 'MemberExpression' && left.object.object.type === 'Identifier' && left.object.object.name === 'module' && memberName(left.object) === 'exports');
  return onExports ? property : undefined;
}

function memberName(member: Extract<AnyNode, { type: 'MemberExpression' }>): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  return member.property.type === 'Literal' && typeof member.property.value === 'string' ? member.property.value : undefined;
}

const nameOf = (node: AnyNode): string => (node.type === 'Identifier' ? node.name : node.type === 'Literal' ? String(node.value) : '');

/** The properties of an object literal (or of a constant holding one), by name. */
function objectFields(node: AnyNode, constants: Map<string, AnyNode>): { fields: Map<string, Source>; open: boolean } | undefined {
  let object: AnyNode | undefined = node;
  for (let depth = 0; object?.type === 'Identifier' && depth < MAX_DEPTH; depth++) object = constants.get(object.name);
  if (object?.type !== 'ObjectExpression') return undefined;
  const fields = new Map<string, Source>();
  let open = false;
  for (const property of (object as ObjectExpression).properties) {
    if (property.type === 'SpreadElement' || property.computed) {
      open = true;
      continue;
    }
    const name = nameOf(property.key);
    fields.set(name, property.method ? FUNCTION : property.kind !== 'init' ? UNKNOWN : property.value);
  }
  return { fields, open };
}

/** Top-level `const` initializers and function declarations, by name. */
function topLevelConstants(program: Program): Map<string, AnyNode> {
  const constants = new Map<string, AnyNode>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'VariableDeclaration' && declaration.kind === 'const') {
      for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.init) constants.set(d.id.name, d.init);
    } else if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
      constants.set(declaration.id.name, declaration);
    }
  }
  return constants;
}

/** How many constants deep a value may refer (and where a constant that names itself stops). */
const MAX_DEPTH = 32;

const ARITHMETIC: Partial<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '**': (a, b) => a ** b,
};

/** A literal, arithmetic on numbers, a constant that is one of those, or a function; anything else is unknown. */
function evaluateNode(node: AnyNode, constants: Map<string, AnyNode>, depth: number): Read {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const number = (operand: AnyNode): number | undefined => {
    const read = evaluateNode(operand, constants, depth + 1);
    return read.kind === 'value' && typeof read.value === 'number' ? read.value : undefined;
  };
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return FUNCTION;
    case 'Literal':
      return node.value instanceof RegExp ? UNKNOWN : { kind: 'value', value: node.value };
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? { kind: 'value', value: node.quasis[0]?.value.cooked } : UNKNOWN;
    case 'Identifier': {
      if (node.name === 'undefined') return { kind: 'value', value: undefined };
      const bound = constants.get(node.name);
      return bound ? evaluateNode(bound, constants, depth + 1) : UNKNOWN;
    }
    case 'UnaryExpression': {
      const operand = number(node.argument);
      if (operand === undefined) return UNKNOWN;
      return node.operator === '-' ? { kind: 'value', value: -operand } : node.operator === '+' ? { kind: 'value', value: operand } : UNKNOWN;
    }
    case 'BinaryExpression': {
      const apply = ARITHMETIC[node.operator];
      const [a, b] = [number(node.left), number(node.right)];
      return apply && a !== undefined && b !== undefined ? { kind: 'value', value: apply(a, b) } : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}
