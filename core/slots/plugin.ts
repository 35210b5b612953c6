// The shape every swappable implementation has, and the typed error a plugin raises.
// Leaf module: type-only imports.
import type { Interner } from './interner.ts';

/** One implementation of a slot. State lives in the object (or its factory's closure). */
export interface Plugin {
  /** Stable implementation name, equal to its file name under plugins/<slot>/. */
  readonly name: string;
  /** Release resources; called once, after every in-flight call on this instance has finished. */
  dispose?(): void | Promise<void>;
  /** Optional counters about this instance's work, shown under `slots.<slot>.stats` in `GET /_lab/status`. */
  stats?(): Readonly<Record<string, number>>;
}

/**
 * What the host gives every factory. Data-holding plugins may use other slots through it; they must read the
 * slot at each use (never keep the instance), since it can be swapped underneath them. Absent when a plugin is
 * built standalone (a micro-benchmark, a unit test): a data plugin then uses a private structure of its own.
 */
export interface PluginContext {
  interner(): Interner;
}

/** What a plugin module default-exports: a factory, so each load gets fresh state. */
export type PluginFactory<T extends Plugin> = (ctx?: PluginContext) => T;

/** Framework errors carry a stable code and the plugin's name (never shown as an M_* code on the wire). */
export const PluginErrorCode = {
  UNSUPPORTED: 'FL_UNSUPPORTED',
  SELF_CHECK_FAILED: 'FL_SELF_CHECK_FAILED',
  BUILD_FAILED: 'FL_BUILD_FAILED',
  LOAD_FAILED: 'FL_LOAD_FAILED',
  MIGRATION_FAILED: 'FL_MIGRATION_FAILED',
  UNKNOWN_SLOT: 'FL_UNKNOWN_SLOT',
  UNKNOWN_IMPL: 'FL_UNKNOWN_IMPL',
} as const;
export type PluginErrorCode = (typeof PluginErrorCode)[keyof typeof PluginErrorCode];

export class PluginError extends Error {
  readonly code: PluginErrorCode;
  readonly plugin: string;
  constructor(code: PluginErrorCode, plugin: string, message: string, options?: { cause?: unknown }) {
    super(`[${code}] ${plugin}: ${message}`, options);
    this.name = 'PluginError';
    this.code = code;
    this.plugin = plugin;
  }
}
