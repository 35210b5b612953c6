// The room engine's entry point: one object over an EngineContext, with the operations the admin API and the
// federation endpoints call. Each method delegates to the file that implements it.
import type { StateId } from '../slots/store.ts';
import { EngineContext, type RoomEngineOptions } from './engine-context.ts';
import type { RoomRecord } from './room-data.ts';
import type { ReceiveResult } from './outcome.ts';
import { receivePdus } from './receive-pdu.ts';
import { registerRoom } from './register-room.ts';
import { sendLocalEvent, type LocalEventSpec } from './local-event.ts';
import { createRoom, type CreateRoomOptions } from './create-room.ts';
import * as membership from './membership.ts';
import type { MemberExtras } from './membership.ts';
import { redactEvent, sendMessage, sendState } from './send-event.ts';
import { timeline, type TimelinePage } from './timeline.ts';
import { authChain } from './auth-chain.ts';
import { currentStateId, eventView, stateEntries, stateEvents, stateIdAt, type EventView, type StateEntry } from './state-reads.ts';
import type { AuthResult } from '../matrix/event-auth/index.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { authorizeTemplate, buildSignedLocal, buildTemplate, signLocal, type EventTemplate, type TemplateSpec } from './event-template.ts';
import { coSignEvent } from './co-sign.ts';
import { submitSignedLocal } from './local-event.ts';
import { verifyPdu, type PduCheck } from './verify-pdus.ts';
import { completeRemoteJoin, prepareRemoteJoin, storeJoinState, type JoinState, type PreparedJoin, type RemoteJoinInput } from './join-remote-room.ts';
import { acceptHistory, type HistoryOptions, type HistoryResult } from './accept-history.ts';
import { acceptStateSnapshot } from './state-snapshot.ts';

export class RoomEngine {
  readonly ctx: EngineContext;

  constructor(options: RoomEngineOptions) {
    this.ctx = new EngineContext(options);
  }

  // Receiving (federation /send, fetched events).
  /** Makes a room created elsewhere known, so its events (the create event first) can be received. */
  registerRoom(roomId: string, version: string, createEventId: string): RoomRecord {
    return registerRoom(this.ctx, roomId, version, createEventId);
  }
  /** `from`: the server that sent them (asked first for anything missing). */
  receive(roomId: string, pdus: readonly unknown[], from?: string): Promise<ReceiveResult[]> {
    return receivePdus(this.ctx, roomId, pdus, from);
  }

  // Local events.
  createRoom(o: CreateRoomOptions): Promise<string> {
    return createRoom(this.ctx, o);
  }
  send(roomId: string, spec: LocalEventSpec): Promise<string> {
    return sendLocalEvent(this.ctx, roomId, spec);
  }
  sendMessage(roomId: string, sender: string, content: Record<string, unknown>, type?: string): Promise<string> {
    return sendMessage(this.ctx, roomId, sender, content, type);
  }
  sendState(roomId: string, sender: string, type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
    return sendState(this.ctx, roomId, sender, type, stateKey, content);
  }
  redact(roomId: string, sender: string, target: string, reason?: string): Promise<string> {
    return redactEvent(this.ctx, roomId, sender, target, reason);
  }
  join(roomId: string, userId: string, extras?: MemberExtras): Promise<string> {
    return membership.join(this.ctx, roomId, userId, extras);
  }
  invite(roomId: string, sender: string, target: string, extras?: MemberExtras): Promise<string> {
    return membership.invite(this.ctx, roomId, sender, target, extras);
  }
  leave(roomId: string, userId: string, extras?: MemberExtras): Promise<string> {
    return membership.leave(this.ctx, roomId, userId, extras);
  }
  kick(roomId: string, sender: string, target: string, extras?: MemberExtras): Promise<string> {
    return membership.kick(this.ctx, roomId, sender, target, extras);
  }
  ban(roomId: string, sender: string, target: string, extras?: MemberExtras): Promise<string> {
    return membership.ban(this.ctx, roomId, sender, target, extras);
  }
  unban(roomId: string, sender: string, target: string, extras?: MemberExtras): Promise<string> {
    return membership.unban(this.ctx, roomId, sender, target, extras);
  }

  // Membership handshakes (make_*/send_*/invite, remote joins).
  /** An unsigned event on top of the forward extremities (make_join/make_leave/make_knock templates). */
  template(roomId: string, spec: TemplateSpec): EventTemplate {
    return buildTemplate(this.ctx, roomId, spec);
  }
  /** The auth rules on a template against the state before it. */
  authorizeTemplate(t: EventTemplate): AuthResult {
    return authorizeTemplate(this.ctx, t);
  }
  /** Hashes and signs a template of ours with our key (not stored). */
  signTemplate(t: EventTemplate): JsonObject {
    return signLocal(this.ctx, t.rules, t.event);
  }
  /** Our event, built and signed but not stored (e.g. an invite the invitee's server signs first). */
  buildSigned(roomId: string, spec: TemplateSpec): { rules: RoomVersionRules; event: JsonObject } {
    return buildSignedLocal(this.ctx, roomId, spec);
  }
  /** Stores a complete event of ours (checks 1, 4–6; M_FORBIDDEN if not accepted). The caller commits. */
  submitSigned(roomId: string, event: JsonObject): string {
    const room = this.ctx.room(roomId);
    return submitSignedLocal(this.ctx, this.ctx.rules(room), roomId, event);
  }
  /** Adds our signature to another server's event (hashes and event id unchanged). */
  coSign(rules: RoomVersionRules, event: JsonObject): JsonObject {
    return coSignEvent(this.ctx, rules, event);
  }
  /** Receipt checks 1–3 on a PDU of `roomId` without storing it. */
  verify(rules: RoomVersionRules, roomId: string, value: unknown): Promise<PduCheck> {
    return verifyPdu(this.ctx, rules, roomId, value);
  }
  /** Remote join, step 1 (async): checks 1–3 on the send_join answer. See join-remote-room.ts. */
  prepareRemoteJoin(input: RemoteJoinInput): Promise<PreparedJoin> {
    return prepareRemoteJoin(this.ctx, input);
  }
  /** Remote join, step 2: registers the room, stores its state as outliers, checks our join against it. */
  storeJoinState(p: PreparedJoin): JoinState {
    return storeJoinState(this.ctx, p);
  }
  /** Remote join, step 3: accepts our join on top of that state. The caller commits. */
  completeRemoteJoin(p: PreparedJoin, js: JoinState): string {
    return completeRemoteJoin(this.ctx, p, js);
  }
  /** Backfilled events placed as history (no forward extremity or current state change). Commits. */
  async acceptHistory(roomId: string, pdus: readonly unknown[], options?: HistoryOptions): Promise<HistoryResult> {
    const r = await acceptHistory(this.ctx, roomId, pdus, options);
    await this.ctx.data.commit();
    return r;
  }
  /** A /state answer checked and stored as outliers, as one StateId (undefined if unusable). */
  acceptStateSnapshot(roomId: string, state: readonly unknown[], authChain: readonly unknown[]): Promise<StateId | undefined> {
    return acceptStateSnapshot(this.ctx, roomId, state, authChain);
  }

  // Reading.
  room(roomId: string): RoomRecord | undefined {
    return this.ctx.data.room(roomId);
  }
  rooms(): IterableIterator<RoomRecord> {
    return this.ctx.data.rooms();
  }
  event(eventId: string): EventView | undefined {
    return eventView(this.ctx, eventId);
  }
  timeline(roomId: string, options?: { from?: number; limit?: number }): TimelinePage {
    return timeline(this.ctx, roomId, options);
  }
  stateId(eventId: string, when: 'before' | 'after' = 'before'): StateId {
    return stateIdAt(this.ctx, eventId, when);
  }
  currentStateId(roomId: string): StateId {
    return currentStateId(this.ctx, roomId);
  }
  stateEntries(state: StateId): StateEntry[] {
    return stateEntries(this.ctx, state);
  }
  stateEvents(state: StateId): ReturnType<typeof stateEvents> {
    return stateEvents(this.ctx, state);
  }
  authChain(eventIds: Iterable<string>): string[] {
    return authChain(this.ctx, eventIds);
  }
}
