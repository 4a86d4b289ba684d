import type { Plugin } from 'esbuild'

/** scripts/esbuild-zod-locale.mjs: zod's locale index resolved to English alone. */
export declare const onlyEnglishZodLocale: Plugin
