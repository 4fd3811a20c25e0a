/** The engine's --parallel: how many resource steps run at once. */

/** At most `n` calls of `task` at once, as the engine runs at most --parallel resource steps. */
export function limited<A, R>(n: number, task: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (arg) => {
    while (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task(arg);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
