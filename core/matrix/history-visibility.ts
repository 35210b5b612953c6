// Whether another server may see an event, by the history visibility and memberships in the state at that
// event (client-server §History visibility, as servers apply it when serving events over federation: events in
// `shared` and `world_readable` history are visible to any server; `invited` and `joined` history only to a
// server with a user invited or joined, respectively joined, at that event). Leaf module.

export type HistoryVisibility = 'world_readable' | 'shared' | 'invited' | 'joined';

/** The setting in force, from the `m.room.history_visibility` content (absent or unknown → `shared`). */
export function historyVisibilityOf(content: Record<string, unknown> | undefined): HistoryVisibility {
  const v = content?.history_visibility;
  return v === 'world_readable' || v === 'invited' || v === 'joined' ? v : 'shared';
}

/**
 * `memberships` yields (user id, membership) for the member events in the state at the event; only the
 * server's own users matter, so a caller may pass just those.
 */
export function visibleToServer(
  visibility: HistoryVisibility,
  serverName: string,
  memberships: Iterable<readonly [userId: string, membership: string]>,
): boolean {
  if (visibility === 'world_readable' || visibility === 'shared') return true;
  const suffix = ':' + serverName;
  for (const [userId, membership] of memberships) {
    if (!userId.endsWith(suffix)) continue;
    if (membership === 'join') return true;
    if (membership === 'invite' && visibility === 'invited') return true;
  }
  return false;
}
