// What one auth check knows about the room: the event, the state lookup, the create event, power levels.
import type { RoomVersionRules } from '../room-versions.ts';
import type { Event, Pdu } from '../pdu.ts';
import { PowerLevelsReader } from './power-levels.ts';
import type { ThirdPartySignatureVerifier } from './third-party-invite.ts';

/** state lookup: the event currently holding (type, state_key) in the state the event is checked against, or undefined */
export type StateLookup = (type: string, stateKey: string) => Event | undefined;

/** What `checkAuth` needs from outside the pure rules. */
export interface AuthOptions {
  /**
   * Checks third-party invite signatures (rule 4.4.1.7 [v12 5.4.1.7]); build one with
   * `thirdPartySignatureVerifier(json, signer)`. Without it every third-party invite that reaches that
   * step is rejected with a reason starting with `NO_THIRD_PARTY_VERIFIER`.
   */
  readonly verifyThirdPartySignature?: ThirdPartySignatureVerifier;
}

/** The reason prefix of a third-party invite rejected only because no verifier was supplied. */
export const NO_THIRD_PARTY_VERIFIER = 'no third-party invite signature verifier supplied';

/** Power level of a room creator when there is no `m.room.power_levels` event (v1–v11; client-server §m.room.power_levels). */
const CREATOR_DEFAULT_LEVEL = 100;

export class AuthContext {
  readonly rules: RoomVersionRules;
  readonly event: Event;
  readonly pdu: Pdu;
  readonly state: StateLookup;
  readonly create: Event;
  readonly levels: PowerLevelsReader;
  readonly options: AuthOptions;

  constructor(rules: RoomVersionRules, event: Event, state: StateLookup, create: Event, options: AuthOptions) {
    this.rules = rules;
    this.options = options;
    this.event = event;
    this.pdu = event.pdu;
    this.state = state;
    this.create = create;
    this.levels = new PowerLevelsReader(rules, state('m.room.power_levels', ''));
  }

  /** The user's current `membership` (a string), or undefined when they have no member event. */
  membership(userId: string): string | undefined {
    const m = this.state('m.room.member', userId)?.pdu.content['membership'];
    return typeof m === 'string' ? m : undefined;
  }

  /**
   * "The creator" of the first-join rule (4.3.1): `content.creator` of the create event in v1–v10,
   * its `sender` from v11. Additional v12 creators are not "the creator" here.
   */
  creator(): unknown {
    return this.rules.createNeedsCreator ? this.create.pdu.content['creator'] : this.create.pdu.sender;
  }

  /** v12 "room creators": the create event's sender plus `content.additional_creators`. */
  isPrivilegedCreator(userId: string): boolean {
    if (!this.rules.privilegedCreators) return false;
    if (userId === this.create.pdu.sender) return true;
    const extra = this.create.pdu.content['additional_creators'];
    return Array.isArray(extra) && extra.includes(userId);
  }

  /**
   * A user's power level. v12: creators are infinitely powerful (`Infinity` compares above every
   * integer and equal to itself, so one creator can never kick or ban another). Without a power-levels
   * event the creator has 100 and everyone else 0; otherwise `users[user]` or `users_default`.
   */
  powerLevel(userId: string): number {
    if (this.isPrivilegedCreator(userId)) return Infinity;
    if (!this.levels.exists) return userId === this.creator() ? CREATOR_DEFAULT_LEVEL : 0;
    return this.levels.user(userId);
  }

  /**
   * The current join rule. With no `m.room.join_rules` event, or one without a `join_rule`, the rule is
   * `invite` (as Synapse does; the spec gives no default). A non-string value matches no rule.
   */
  joinRule(): unknown {
    const ev = this.state('m.room.join_rules', '');
    if (ev === undefined || !Object.hasOwn(ev.pdu.content, 'join_rule')) return 'invite';
    return ev.pdu.content['join_rule'];
  }
}
