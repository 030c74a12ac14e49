// A logger for the middleware under load: it counts instead of printing, because printing every
// line would measure the terminal, and a non-zero error count must still make the run suspect.
const KEPT_MESSAGES = 5;

export function createCountingLogger() {
  const counts = { debug: 0, info: 0, warn: 0, error: 0 };
  const firstMessages = [];
  const record = (level) => (message) => {
    counts[level] += 1;
    if (firstMessages.length < KEPT_MESSAGES) firstMessages.push(`${level}: ${String(message)}`);
  };
  return {
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    summary: () => ({ counts: { ...counts }, firstMessages: [...firstMessages] }),
  };
}
