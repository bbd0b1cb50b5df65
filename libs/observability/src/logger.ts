// Structured JSON logs, one line per entry, with the correlation id of the request or message being handled.
// Personal identifiers never reach a log line: callers log ids and codes, not payloads.
import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentContext } from './request-context';

const LEVELS: Record<LogLevel, number> = { verbose: 10, debug: 20, log: 30, warn: 40, error: 50, fatal: 60 };

export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly minimum: LogLevel = 'log',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  log(message: unknown, ...rest: unknown[]) {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.emit('fatal', message, rest);
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]) {
    if (LEVELS[level] < LEVELS[this.minimum]) return;
    // Nest passes the context (logger name) as the last string argument, and a stack before it for errors.
    const args = [...rest];
    const scope = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const ctx = currentContext();
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      scope,
      msg: message instanceof Error ? message.message : message,
      correlationId: ctx?.correlationId,
    };
    if (message instanceof Error) entry['stack'] = message.stack;
    else if (args.length === 1 && typeof args[0] === 'string' && level === 'error') entry['stack'] = args[0];
    else if (args.length > 0) entry['details'] = args;
    this.write(JSON.stringify(entry));
  }
}
