// The selfcheck pulls in mitata and tinybench (devDependencies); importing it only when that
// command runs keeps them out of every bench run's start-up. (The dynamic import lives here, not in
// the CLI entry: tsx's import transform fails to lex that file.)
export async function runSelfcheck(args: string[], fail: (message: string) => never): Promise<void> {
  const { runSelfcheckCommand } = await import('./command.ts');
  return runSelfcheckCommand(args, fail);
}
