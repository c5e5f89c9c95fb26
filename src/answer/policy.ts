/**
 * Every tuning number of the answering core in one typed place: how well a record or a passage must
 * match to count as the answer, how far a runner-up may trail, and how much one answer may list.
 */
export interface AnswerPolicy {
  /** A topic must be this well covered (0..1) for a task, indicator or passage to be the answer. */
  match: number;
  /** Records within this much of the best one are listed with it. */
  runnerUpGap: { task: number; indicator: number; passage: number };
  /** A passage must cover the topic this much better than the best record to answer instead. */
  passageLead: number;
  /**
   * A record this well covered and this far above the runner-up is the answer, stray words aside; the
   * lead it needs shrinks as its cover grows, down to `minLead`.
   */
  clear: { match: number; lead: number; minLead: number };
  /** A question of no recognised form is answered by one record whole when it covers the topic this well. */
  strongRecord: number;
  /** A plan-fact question that names a specific passage ("căn cứ văn bản nào để …") needs this cover. */
  factPassage: number;
  /** Nearest tasks offered beside an abstention must cover the topic at least this much. */
  suggestion: number;
  /** Below this cover with words no plan uses, a question is outside the plans altogether. */
  outside: number;
  /** A sentence naming a day of the month asked about needs only this cover: its date already matches. */
  daySentence: number;
  /** A word this rare (IDF) says what a question is about; commoner ones ("việc", "làm") do not. */
  distinctiveIdf: number;
  /** Passages retrieved per question. */
  k: number;
  limits: {
    tasks: number;
    passages: number;
    suggestions: number;
    dueList: number;
    indicators: number;
    indicatorsPerPlan: number;
    unitAssigned: number;
    unitCoordinated: number;
    unitsShown: number;
    unitsShownAcrossPlans: number;
    legalBases: number;
    /** Over more plans than this, a question that names no commune and draws on several asks which. */
    openPlans: number;
    /** Communes named as examples when asking which one is meant. */
    placesNamed: number;
  };
}

export const DEFAULT_POLICY: AnswerPolicy = {
  match: 0.5,
  runnerUpGap: { task: 0.12, indicator: 0.1, passage: 0.1 },
  passageLead: 0.15,
  clear: { match: 0.6, lead: 0.3, minLead: 0.2 },
  strongRecord: 0.8,
  factPassage: 0.6,
  suggestion: 0.15,
  outside: 0.35,
  daySentence: 0.35,
  distinctiveIdf: 1.5,
  k: 8,
  limits: {
    tasks: 4,
    passages: 2,
    suggestions: 3,
    dueList: 10,
    indicators: 12,
    indicatorsPerPlan: 3,
    unitAssigned: 10,
    unitCoordinated: 3,
    unitsShown: 4,
    unitsShownAcrossPlans: 5,
    legalBases: 10,
    openPlans: 5,
    placesNamed: 3,
  },
};
