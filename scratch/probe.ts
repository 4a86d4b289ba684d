import { Document } from 'docx'
const d = new Document({ sections: [] })
const s = (d as any).Styles
for (const c of s.root) {
  const attrs = c.root?.find((x: any) => x?.constructor?.name?.includes('Attributes'))
  console.log(c.constructor.name, c.rootKey, JSON.stringify(attrs?.root ?? null)?.slice(0, 150))
}
