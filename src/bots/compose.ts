/**
 * A tiny middleware composer in the manner of grammY's: small handlers `(ctx, next)` that either answer
 * and stop, or pass the message on. Platform-neutral; the bot core is built from these.
 */
export type Next = () => Promise<void>;
export type Middleware<C> = (ctx: C, next: Next) => Promise<void> | void;

/** One middleware that runs the given ones in order; each decides whether to call `next`. */
export function compose<C>(...middleware: Middleware<C>[]): Middleware<C> {
  return (ctx, last) => {
    const run = async (i: number): Promise<void> => {
      const mw = middleware[i];
      if (!mw) {
        await last();
        return;
      }
      let called = false;
      await mw(ctx, async () => {
        if (called) throw new Error("next() called twice");
        called = true;
        await run(i + 1);
      });
    };
    return run(0);
  };
}
