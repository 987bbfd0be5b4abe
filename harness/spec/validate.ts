// A small JSON Schema interpreter that walks the YAML tree instead of plain data, so every error
// keeps the line and column of the node it is about. It covers the keywords spec.schema.json uses.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

export interface SchemaNode {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minProperties?: number;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  $ref?: string;
}

export interface SchemaError {
  path: string;
  message: string;
  /** Offset into the source text of the node the error is about. */
  offset: number;
}

const A: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' };

function typeOf(node: Node | null): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return 'string';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
    if (typeof v === 'boolean') return 'boolean';
  }
  return 'null';
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Why: reports the first problems of a spec against its schema, each pointing into the file. */
export function validateAgainstSchema(root: SchemaNode, doc: Document, fallbackOffset = 0): SchemaError[] {
  const errors: SchemaError[] = [];
  const resolve = (s: SchemaNode): SchemaNode => {
    if (!s.$ref) return s;
    const target = s.$ref.replace(/^#\//, '').split('/').reduce<any>((at, part) => at?.[part], root);
    return { ...target, ...s, $ref: undefined };
  };

  const visit = (schemaIn: SchemaNode, node: Node | null, path: string, at: number): void => {
    const schema = resolve(schemaIn);
    // An alias (*name) is validated as the node it stands for, reported where it is used.
    const n = isAlias(node) ? (node.resolve(doc) as Node | undefined) ?? null : node;
    const offset = node?.range?.[0] ?? at;
    const fail = (message: string, where = offset): void => {
      errors.push({ path: path || '(top level)', message, offset: where });
    };
    const actual = typeOf(n);
    const value = isScalar(n) ? n.value : undefined;

    if (schema.type && !(actual === schema.type || (schema.type === 'number' && actual === 'integer'))) {
      return fail(`must be ${A[schema.type] ?? schema.type}`);
    }
    if (schema.enum && !schema.enum.includes(value)) {
      return fail(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    }
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) fail('must not be empty');
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) fail(`${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return fail('must be a finite number'); // YAML's .nan, .inf, 1e400
      if (schema.minimum !== undefined && value < schema.minimum) fail(`must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) fail(`must be at most ${schema.maximum}`);
    }
    if (isSeq(n)) {
      if (schema.minItems !== undefined && n.items.length < schema.minItems) fail(`must have at least ${schema.minItems} item(s)`);
      if (schema.items) n.items.forEach((item, i) => visit(schema.items!, item as Node, join(path, i), offset));
    }
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyOffset = (pair.key as Node | null)?.range?.[0] ?? offset;
        seen.add(key);
        const pattern = schema.propertyNames?.pattern;
        if (pattern && !new RegExp(pattern).test(key)) errors.push({ path: join(path, key), message: `is not a valid name (it must match ${pattern})`, offset: keyOffset });
        // Own keys only: `constructor` or `toString` in a spec is an unknown key, not a prototype member.
        const child = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (child) visit(child, pair.value as Node | null, join(path, key), keyOffset);
        else if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, pair.value as Node | null, join(path, key), keyOffset);
        else if (schema.additionalProperties === false) {
          const known = Object.keys(schema.properties ?? {}).filter((k) => k !== '$schema');
          errors.push({ path: join(path, key), message: `is not a known key (expected one of: ${known.join(', ')})`, offset: keyOffset });
        }
      }
      for (const key of schema.required ?? []) {
        if (!seen.has(key)) errors.push({ path: join(path, key), message: 'is required', offset });
      }
      if (schema.minProperties !== undefined && seen.size < schema.minProperties) fail(`must have at least ${schema.minProperties} entry`);
    }
  };

  visit(root, doc.contents as Node | null, '', fallbackOffset);
  return errors;
}
