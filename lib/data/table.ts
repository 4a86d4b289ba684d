/**
 * Typed plain SQL (docs/decisions/0001-typed-plain-sql.md). A table is declared once, with the
 * columns the statements use, against the model type `prisma generate` emits: a column the
 * model does not have, or declared with another type, is a compile error. Statements name
 * columns through it, so their parameters and the rows they read are typed from the schema.
 *
 *   const r = reports.as('r')
 *   const row = select({ id: r.c.id, agencyName: agencies.c.name })
 *   sql`SELECT ${row} FROM ${r} JOIN …`   →   rows read with row.read: { id: string; agencyName: string }
 */
import 'server-only'
import { asBoolean, asDate, sql, type Row, type Sql, type SqlValue } from './sql'

/** How a column's values come back from either driver. */
export type ColumnKind = 'string' | 'int' | 'boolean' | 'date'

/** The kind a model field's type asks for. */
type KindOf<V> = [NonNullable<V>] extends [Date]
  ? 'date'
  : [NonNullable<V>] extends [boolean]
    ? 'boolean'
    : [NonNullable<V>] extends [number]
      ? 'int'
      : [NonNullable<V>] extends [string]
        ? 'string'
        : never

/** The columns a table declares: field names of the model, each with the kind of its type. */
export type ColumnKinds<M> = { readonly [K in keyof M]?: KindOf<M[K]> }

/** A column (or an expression) in a statement, with the type of its values. */
export interface Column<V> extends Sql {
  readonly kind: ColumnKind
  /** Type only: the TypeScript type of the column's values. */
  readonly value?: V
}

function column<V>(text: string, kind: ColumnKind): Column<V> {
  return { strings: [text], values: [], kind }
}

/** An expression read as a column: `expression<number>(sql\`COUNT(*)\`, 'int')`. */
export function expression<V>(fragment: Sql, kind: ColumnKind): Column<V> {
  return { ...fragment, kind }
}

/** A column that may be null here (the far side of a LEFT JOIN). */
export const orNull = <V>(c: Column<V>): Column<V | null> => c

const quote = (identifier: string) => `"${identifier}"`

export interface Table<M, K extends keyof M & string> extends Sql {
  /** The table's name in the database (a model's @@map, else the model name). */
  readonly name: string
  readonly c: { readonly [C in K]: Column<M[C]> }
  /** The table under an alias: `"Report" r`, columns `r."id"`. */
  as(alias: string): Table<M, K>
}

function tableOf<M, K extends keyof M & string>(name: string, kinds: ColumnKinds<M>, alias?: string): Table<M, K> {
  const prefix = alias ? `${alias}.` : ''
  const c = Object.fromEntries(
    Object.entries(kinds).map(([field, kind]) => [field, column(`${prefix}${quote(field)}`, kind as ColumnKind)]),
  ) as Table<M, K>['c']
  return {
    strings: [alias ? `${quote(name)} ${alias}` : quote(name)],
    values: [],
    name,
    c,
    as: (next) => tableOf<M, K>(name, kinds, next),
  }
}

/**
 * Declares a table: `defineTable<Report>()('Report', { id: 'string', version: 'int' })`.
 * (Two calls so that the model is given and the columns are inferred.)
 */
export function defineTable<M>() {
  return <const C extends ColumnKinds<M>>(name: string, kinds: C): Table<M, keyof C & keyof M & string> =>
    tableOf(name, kinds)
}

/** Some of a table's columns, each under its own name (for select). */
export function columnsOf<M, K extends keyof M & string, F extends K>(
  table: Table<M, K>,
  ...fields: F[]
): { [C in F]: Column<M[C]> } {
  return Object.fromEntries(fields.map((f) => [f, table.c[f]])) as { [C in F]: Column<M[C]> }
}

/** Every table declared, for the test that checks them against prisma/schema.prisma. */
export interface DeclaredTable {
  name: string
  columns: string[]
}

export const declared = (table: Table<any, string>): DeclaredTable => ({
  name: table.name,
  columns: Object.keys(table.c),
})

// ————— reading rows —————

type ValueOf<T> = T extends Column<infer V> ? V : never

export interface Selection<S extends Record<string, Column<unknown>>> extends Sql {
  /** A row of the statement, typed from the selected columns. */
  read(row: Row): { [P in keyof S]: ValueOf<S[P]> }
}

function decode(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null
  switch (kind) {
    case 'date':
      return asDate(value)
    case 'int':
      return Number(value)
    case 'boolean':
      return asBoolean(value)
    default:
      return String(value)
  }
}

/** A select list, each column under the name the row has it: `r."id" AS "id", a."name" AS "agencyName"`. */
export function select<S extends Record<string, Column<unknown>>>(columns: S): Selection<S> {
  const entries = Object.entries(columns)
  const list = entries.reduce<Sql | null>(
    (out, [as, c]) => (out ? sql`${out}, ${c} AS ${raw(quote(as))}` : sql`${c} AS ${raw(quote(as))}`),
    null,
  )
  return {
    ...(list ?? sql``),
    read: (row) =>
      Object.fromEntries(entries.map(([as, c]) => [as, decode(c.kind, row[as])])) as {
        [P in keyof S]: ValueOf<S[P]>
      },
  }
}

const raw = (text: string): Sql => ({ strings: [text], values: [] })

// ————— writing rows —————

/** Values for a table's columns, typed from the model; a value may be an expression. */
export type Values<M, K extends keyof M & string> = { readonly [C in K]?: M[C] | Sql }

const isSql = (v: unknown): v is Sql => typeof v === 'object' && v !== null && 'strings' in v && 'values' in v

function joined(parts: Sql[]): Sql {
  return parts.reduce((out, part, i) => (i === 0 ? part : sql`${out}, ${part}`), sql``)
}

const parameter = (v: unknown): Sql | SqlValue => (isSql(v) ? v : (v as SqlValue))

/** The columns of the values, checked against the table's declaration (types say it first). */
function fieldsOf<M, K extends keyof M & string>(table: Table<M, K>, values: Values<M, K>): [string, unknown][] {
  const entries = Object.entries(values)
  for (const [field] of entries) if (!(field in table.c)) throw new Error(`${table.name} declares no column ${field}`)
  return entries
}

/** `"a" = ?, "b" = ?` for UPDATE … SET. */
export function assignments<M, K extends keyof M & string>(table: Table<M, K>, values: Values<M, K>): Sql {
  return joined(fieldsOf(table, values).map(([field, v]) => sql`${raw(quote(field))} = ${parameter(v)}`))
}

/** The column list `("a", "b")` and the values `?, ?` of an INSERT (VALUES (…) or SELECT …). */
export function insertRow<M, K extends keyof M & string>(
  table: Table<M, K>,
  values: Values<M, K>,
): { columns: Sql; values: Sql } {
  const entries = fieldsOf(table, values)
  return {
    columns: sql`(${joined(entries.map(([field]) => raw(quote(field))))})`,
    values: joined(entries.map(([, v]) => sql`${parameter(v)}`)),
  }
}
