// `npm run eval:mapping`: runs bench/eval-mapping.ts straight from the TypeScript sources (Node 22's type
// transform), so the numbers always describe the code in the tree, not a stale dist/. Relative `.js` imports
// in the sources resolve to their `.ts` files through the hook below.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      const url = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(fileURLToPath(url))) return next(url.href, context);
    }
    return next(specifier, context);
  },
});

const { main } = await import('./eval-mapping.ts');
const patients = Number(process.argv[2] ?? 300);
process.exitCode = await main(Number.isInteger(patients) && patients > 0 ? patients : 300);
