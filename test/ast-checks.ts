/**
 * Checks of route and page modules on their syntax tree (the TypeScript compiler API), for the
 * coverage tests: what counts is a call the code makes, never a name in a comment or a string.
 */
import ts from 'typescript'

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

export function parseModule(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
}

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
const isDefault = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)

export interface ExportedHandler {
  /** The export's name ('default' for a default export). */
  name: string
  /** The function (or the initializer: `export const GET = route(…)`). */
  node: ts.Node
}

/** The module's exported functions and constants: `export function GET`, `export const GET = …`, `export default …`. */
export function exportedHandlers(source: ts.SourceFile): ExportedHandler[] {
  const out: ExportedHandler[] = []
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && isExported(statement)) {
      out.push({ name: isDefault(statement) ? 'default' : (statement.name?.text ?? 'default'), node: statement })
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer) out.push({ name: d.name.text, node: d.initializer })
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      out.push({ name: 'default', node: statement.expression })
    }
  }
  return out
}

/** Local name → [module, imported name] for every named import of the module. */
export function namedImports(source: ts.SourceFile): Map<string, { from: string; name: string }> {
  const out = new Map<string, { from: string; name: string }>()
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
    const bindings = statement.importClause?.namedBindings
    if (!bindings || !ts.isNamedImports(bindings)) continue
    for (const element of bindings.elements) {
      out.set(element.name.text, {
        from: statement.moduleSpecifier.text,
        name: (element.propertyName ?? element.name).text,
      })
    }
  }
  return out
}

/**
 * The functions of `module` named in `names` that `node` calls (directly or in a function it
 * contains, such as a route's `access`), by their imported names.
 */
export function callsOf(source: ts.SourceFile, node: ts.Node, module: string, names: readonly string[]): string[] {
  const imports = namedImports(source)
  const found = new Set<string>()
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      const imported = imports.get(n.expression.text)
      if (imported && imported.from === module && names.includes(imported.name)) found.add(imported.name)
    }
    ts.forEachChild(n, visit)
  }
  visit(node)
  return [...found].sort()
}

/** For each exported handler of the given names ('default' for pages), the guards it calls. */
export function guardCalls(
  fileName: string,
  text: string,
  handlerNames: readonly string[],
  guardModule: string,
  guards: readonly string[],
): Record<string, string[]> {
  const source = parseModule(fileName, text)
  const out: Record<string, string[]> = {}
  for (const h of exportedHandlers(source)) {
    if (handlerNames.includes(h.name)) out[h.name] = callsOf(source, h.node, guardModule, guards)
  }
  return out
}

export interface RouteDeclaration {
  /** The HTTP method exported. */
  method: string
  /** Problems found; empty when the handler is `route({…, access}, run)`. */
  problems: string[]
  /** The input it declares (params, query, body, text); none besides params means it takes none. */
  inputs: string[]
}

const ROUTE_KEYS = new Set(['params', 'query', 'body', 'text', 'maxBodyBytes', 'access'])

/**
 * How each exported HTTP method of a route module declares its input: it must be
 * `export const METHOD = route({ params?, query?, body? | text?, access }, run)` with `route`
 * imported from `routeModule`, so nothing reaches the handler unparsed. The module must not
 * touch the raw request (`request`, `searchParams`, `readJson`, `readBodyText`).
 */
export function routeDeclarations(fileName: string, text: string, routeModule: string): RouteDeclaration[] {
  const source = parseModule(fileName, text)
  const imports = namedImports(source)
  const raw = new Set<string>()
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && ['request', 'searchParams', 'readJson', 'readBodyText'].includes(n.text)) raw.add(n.text)
    ts.forEachChild(n, visit)
  }
  visit(source)
  const out: RouteDeclaration[] = []
  for (const h of exportedHandlers(source)) {
    if (!(HTTP_METHODS as readonly string[]).includes(h.name)) continue
    const problems: string[] = [...raw].map((r) => `reads the raw request (${r})`)
    const inputs: string[] = []
    const call = h.node
    const callee =
      ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? imports.get(call.expression.text) : null
    if (!ts.isCallExpression(call) || !callee || callee.from !== routeModule || callee.name !== 'route') {
      problems.push(`${h.name} is not route(…) from ${routeModule}`)
    } else {
      const spec = call.arguments[0]
      if (!spec || !ts.isObjectLiteralExpression(spec)) problems.push(`${h.name}: route() needs an object literal`)
      else {
        const keys = spec.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : '?'))
        for (const k of keys) if (!ROUTE_KEYS.has(k)) problems.push(`${h.name}: unknown key ${k}`)
        if (!keys.includes('access')) problems.push(`${h.name}: no access guard declared`)
        inputs.push(...keys.filter((k) => k !== 'access' && k !== 'maxBodyBytes' && ROUTE_KEYS.has(k)))
      }
    }
    out.push({ method: h.name, problems, inputs })
  }
  return out
}
