/**
 * An esbuild plugin for every bundle we build ourselves (the command line, scripts/build-cli.ts;
 * the home page's script, scripts/home-route.mjs). zod's namespace export (`z`) carries
 * `z.locales`, every one of its ~60 message catalogues, which no tree-shaking can drop from a
 * namespace object: two thirds of a bundle and of its parse time at each start. We set our own
 * Chinese messages (lib/requests/issues.ts) and never read `z.locales`, so the catalogue index
 * resolves to English alone (zod's default).
 */
import path from 'node:path'

/** @type {import('esbuild').Plugin} */
export const onlyEnglishZodLocale = {
  name: 'only-english-zod-locale',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales'), namespace: 'zod-locales' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js'",
      resolveDir: args.path,
      loader: 'js',
    }))
  },
}
