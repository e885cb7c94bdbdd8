// ---- kechuang domain types (kept in step with the Rust core by tests/types.rs) ----

/** A stable error code, the `code` property of every error kechuang throws. */
export type ErrorCode =
  | "duplicate_key" | "unknown_key" | "unknown_id" | "wrong_kind" | "relation_not_allowed"
  | "invalid_value" | "parse_error" | "file_not_found" | "io_error" | "unsupported_version"
  | "invalid_transition" | "infeasible" | "limit_exceeded" | "cancelled" | "not_implemented";

/** Where in the input a problem was found. */
export interface Location { file?: string; row?: number; column?: string; }

/** Every error kechuang throws is an `Error` with `name === "KechuangError"` and these fields. */
export interface KechuangError extends Error {
  name: "KechuangError";
  code: ErrorCode;
  /** `invalid_value`: the field (e.g. `"nodes[3].capacity"`); `limit_exceeded`: what is over its limit; else the column pointed at. */
  field?: string;
  location?: Location;
}

/** The kind of an entity. */
export type NodeKind =
  | "enterprise" | "society" | "expert" | "institution" | "liaison" | "region" | "demand"
  | "offer" | "document" | "workstation" | "forum" | "agreement" | "alliance" | "service_team"
  | "project" | "training" | "outcome";

/** The kind of a relation (edges are directed). */
export type Relation =
  | "located_in" | "part_of" | "member_of" | "affiliated_with" | "works_for" | "posted"
  | "brokered" | "authored" | "offers" | "engaged" | "solved" | "hosts" | "leads"
  | "participates" | "attended" | "under" | "produced" | "contributed" | "collaborated" | "about";

/** Which way to follow relations. */
export type Direction = "out" | "in" | "both";

export type SocietyLevel = "national" | "provincial" | "municipal" | "enterprise" | "university";
export type RegionLevel = "province" | "city" | "district" | "county" | "park" | "town";
export type Title =
  | "academician_cas" | "academician_cae" | "professor" | "associate_professor" | "researcher"
  | "professor_engineer" | "senior_engineer" | "engineer" | "doctor";
export type InstitutionKind = "university" | "research_institute" | "lab" | "hospital" | "other";
export type EnterpriseSize = "micro" | "small" | "medium" | "large";
export type Urgency = "low" | "normal" | "high" | "critical";
export type DocumentKind = "paper" | "patent" | "report" | "case" | "standard" | "book" | "other";
export type OutcomeKind =
  | "problem_solved" | "economic_benefit" | "market_share" | "award" | "patent" | "standard"
  | "talent" | "other";
export type DemandStatus =
  | "posted" | "analysed" | "matched" | "contacted" | "engaged" | "solved" | "closed_unsolved"
  | "withdrawn";

/** A calendar date, `"YYYY-MM-DD"`. */
export type DateString = string;

/** Free user fields (any JSON). */
export type Attrs = Record<string, unknown>;

/** One lifecycle event of a demand. */
export interface DemandEvent { date: DateString; to: DemandStatus; actor?: string; note?: string; }

/**
 * One entity as a flat record. `key` and `kind` are required; every other field is optional and
 * must apply to the kind (a field that does not apply is an `invalid_value` error):
 * `level` society/region; `subtype` institution/document/outcome/instruments;
 * `industries` enterprise/demand/offer/instruments; `disciplines` society/expert/institution/demand/offer;
 * `keywords` society/expert/demand/offer/document; `titles`, `capacity` expert;
 * `size`, `high_tech`, `flags` enterprise; `text` demand/offer/document/expert (profile);
 * `title`, `year` document; `tier` liaison; `urgency`, `posted`, `events` demand;
 * `budget_cny` demand/instruments; `start` instruments/liaison; `end` instruments;
 * `value`, `unit`, `date` outcome; `code` region.
 */
export interface NodeRecord {
  /** Assigned by the programme; present on output, left out on input. */
  id?: number;
  key: string;
  kind: NodeKind;
  name?: string;
  name_en?: string;
  level?: SocietyLevel | RegionLevel;
  subtype?: InstitutionKind | DocumentKind | OutcomeKind | string;
  industries?: string[];
  disciplines?: string[];
  keywords?: string[];
  titles?: Title[];
  flags?: string[];
  text?: string;
  title?: string;
  size?: EnterpriseSize;
  high_tech?: boolean;
  capacity?: number;
  tier?: number;
  urgency?: Urgency;
  budget_cny?: number;
  posted?: DateString;
  events?: DemandEvent[];
  year?: number;
  start?: DateString;
  end?: DateString;
  value?: number;
  unit?: string;
  date?: DateString;
  code?: string;
  attrs?: Attrs;
}

/** One relation as a flat record; endpoints are entity keys (or aliases). */
export interface EdgeRecord {
  /** Assigned by the programme; present on output, left out on input. */
  id?: number;
  relation: Relation;
  source: string;
  target: string;
  /** 1 when absent. */
  weight?: number;
  role?: string;
  start?: DateString;
  end?: DateString;
  attrs?: Attrs;
}

/** One term of a taxonomy. */
export interface Term { code: string; name_zh: string; name_en: string; parent?: string; }
/** One weighted industry ↔ discipline link, weight in [0, 1]. */
export interface MapEntry { industry: string; discipline: string; weight: number; }
/** The industry and discipline taxonomies and the map between them. */
export interface Taxonomy { industries: Term[]; disciplines: Term[]; map: MapEntry[]; }

/** The programme's descriptive header (snapshot schema 2+); no computation reads it. */
export interface ProgrammeMeta {
  title?: string;
  title_en?: string;
  description?: string;
  /** Where the data comes from (a system, an export, a generator and its seed). */
  source?: string;
  /** The date the data describes. */
  as_of?: DateString;
}

/** A whole programme as plain data (what `toObject` returns and `fromJson` reads). */
export interface Snapshot {
  /** 2 when written by this version; 1 still loads. */
  schema_version: number;
  meta?: ProgrammeMeta;
  taxonomy?: Taxonomy;
  nodes?: NodeRecord[];
  edges?: EdgeRecord[];
  /** alias → key */
  aliases?: Record<string, string>;
  /** One past the highest node id ever handed out, when the newest entities were removed. */
  node_bound?: number;
  /** Like `node_bound`, for relation ids. */
  edge_bound?: number;
}

/** Options of `Programme.neighbours`. */
export interface NeighbourOptions { relation?: Relation; direction?: Direction; }

/** One relation of an entity, with the entity at the other end. */
export interface Neighbour {
  /** The relation's id. */
  edge: number;
  relation: Relation;
  /** `"out"` when the entity is the relation's source. */
  direction: "out" | "in";
  id: number;
  key: string;
  kind: NodeKind;
  name: string;
}

/** Options of `Programme.generate` (every field optional). */
export interface SynthConfig {
  /** Seed of the random stream (default 42). */
  seed?: number;
  /** Size relative to Tai'an (1.0 ≈ 11,000 entities and 40,000 relations); ignored when `nodes` is set. */
  scale?: number;
  /** Exact number of entities. */
  nodes?: number;
  /** Exact number of relations. */
  edges?: number;
  /** Mean number of papers and patents per expert (default 4). */
  docs_per_expert?: number;
  /** At most this many demands get a ground-truth record. */
  truth_limit?: number;
}

/** The known answer for one synthetic demand. */
export interface GroundTruth {
  /** Key of the demand. */
  demand: string;
  /** The planted topic id. */
  topic: string;
  /** Keys of the planted best-fit experts, best first. */
  experts: string[];
  text_zh: string;
  text_en: string;
  text_mixed: string;
  text_variant: string;
  terms_zh: string[];
  terms_en: string[];
}

// ---- CSV ----

/** CSV tables as text; only `nodes` is required (an empty string is an absent table). */
export interface CsvTables {
  nodes: string;
  edges?: string;
  events?: string;
  outcomes?: string;
  aliases?: string;
  /** `taxonomy.json`: the taxonomy as JSON text. */
  taxonomy?: string;
  /** `meta.json`: the programme's header as JSON text. */
  meta?: string;
}

/** How to read CSV input. */
export interface CsvOptions {
  /** "auto" (default: BOM, else UTF-8 if valid, else GB18030), "utf8" or "gb18030". */
  encoding?: "auto" | "utf8" | "gb18030";
  /** One ASCII character: "," (default), "\t", ";". */
  delimiter?: string;
}

// ---- matching ----

/** What to rank for a demand. */
export type Target = "experts" | "societies" | "offers" | "teams";

/** Which candidates may appear. */
export interface Filter {
  /** Key of a region: only candidates located in it or in a region inside it. */
  region?: string;
  /** Societies of these levels, experts who are members of one, their offers (empty = any). */
  society_levels?: SocietyLevel[];
  /** Experts holding at least one of these titles (empty = any; other kinds pass). */
  titles?: Title[];
  /** Academicians only (experts; other kinds pass). */
  academicians_only?: boolean;
  /** Keys never returned. */
  exclude?: string[];
  /** Results below this fused score are dropped (default 0). */
  min_score?: number;
}

/** A matching query: a demand in the programme (key), or free text with optional context. */
export interface Query {
  /** Key of a demand: its text, keywords, industries, enterprise and region are used. */
  demand?: string;
  /** The problem text, Chinese or English (overrides the demand's). */
  text?: string;
  /** Industry codes (added to the demand's). */
  industries?: string[];
  /** Discipline codes (added to the demand's). */
  disciplines?: string[];
  /** Key of the enterprise asking (overrides the demand's poster); gives the connecting path. */
  enterprise?: string;
  /** Key of the region of the need. */
  region?: string;
  /** What to rank (default "experts"). */
  target?: Target;
  /** How many results (default 10, at least 1). */
  k?: number;
  filter?: Filter;
  /** Keys in conflict of interest: excluded, with experts affiliated with them. */
  conflicts?: string[];
  /** Dense vector of the query (same dimension as the evidence vectors). */
  vector?: number[];
  /** Largest team size for target "teams" (2–5, default 4). */
  team_size?: number;
  /** Number of teams for target "teams" (default 3). */
  teams?: number;
}

/** The seven signals of a candidate, each in [0, 1] (or their weighted contributions). */
export interface Signals {
  text: number;
  taxonomy: number;
  network: number;
  track_record: number;
  availability: number;
  seniority: number;
  locality: number;
}

/** A query term found in a candidate's evidence. */
export interface MatchedTerm {
  term: string;
  /** Key of the evidence: a document, a solved demand, an offer, or the candidate itself. */
  source: string;
  /** For a fuzzy expansion, the query word it stands for. */
  expanded_from?: string;
}

/** One ranked, explained candidate. */
export interface MatchResult {
  key: string;
  kind: NodeKind;
  name: string;
  /** Fused score in [0, 1]. */
  score: number;
  signals: Signals;
  /** Each signal's share of the score; they sum to `score`. */
  contributions: Signals;
  matched_terms: MatchedTerm[];
  /** The strongest path from the enterprise to the candidate, as keys (empty if none). */
  path: string[];
}

/** A team of complementary experts. */
export interface Team {
  members: string[];
  score: number;
  /** Share of the query's terms covered by the members' evidence, in [0, 1]. */
  coverage: number;
  institutions: string[];
  disciplines: string[];
}

/** The answer to one query. */
export interface Matches {
  demand: string | null;
  target: Target;
  /** Ranked results, best first (ties by id). */
  results: MatchResult[];
  /** Teams, for target "teams", best first. */
  teams: Team[];
  /** The query terms used (after fuzzy expansion). */
  query_terms: string[];
  /** Candidates left out for a conflict of interest. */
  conflicts_excluded: string[];
}

/** One open demand that fits a candidate (reverse matching). */
export interface DemandMatch { demand: string; name: string; score: number; signals: Signals; }

/** How well a candidate fits a demand. */
export interface AffinityEntry { demand: string; candidate: string; score: number; }
/** Sorted by demand, then score descending, then candidate key. */
export interface AffinityTable { entries: AffinityEntry[]; }

/** Matching configuration; every field optional on input (defaults documented in the core). */
export interface MatchConfig {
  /** Fusion weights of the seven signals (only ratios matter). */
  weights?: Partial<Signals>;
  bm25?: { k1?: number; b?: number };
  fields?: { title?: number; body?: number; keywords?: number; disciplines?: number; titles?: number };
  /** "top_three" (document model, default), "max", or "pooled" (candidate model). */
  aggregation?: "top_three" | "max" | "pooled";
  unigram_weight?: number;
  fuzzy?: { enabled?: boolean; min_len?: number; max_expansions?: number; min_similarity?: number; max_postings?: number };
  network?: { factors?: [Relation, number][]; max_hops?: number; min_strength?: number; max_visits?: number };
  dense_weight?: number;
  text_floor?: number;
  /** Share-of-demands thresholds below/above which a query term is fully/not weighted. */
  generic?: [number, number];
  /** Pseudo-relevance feedback from the keywords of the `units` best evidence units (off when units = 0). */
  feedback?: { units?: number; min_units?: number; weight?: number };
}

// ---- assignment ----

/** How well an expert fits a demand (keys), the input of assignment. */
export interface Affinity { demand: string; expert: string; score: number; }
/** At least `min` and at most `max` of a demand's experts from a group (`"org:*"`: per organisation). */
export interface Quota { group: string; min?: number; max?: number | null; }
export interface DemandSpec { key: string; need?: number; quotas?: Quota[]; }
export interface ExpertSpec { key: string; min_load?: number; max_load?: number; groups?: string[]; }
export interface Conflict { demand: string; expert: string; reason?: string; }
export interface Pair { demand: string; expert: string; }
/** Row-major scores: rows follow `demands`, `cols` columns follow `experts`. */
export interface DenseScores { cols: number; values: number[]; }
/** An assignment problem. */
export interface AssignProblem {
  demands?: DemandSpec[];
  experts?: ExpertSpec[];
  affinities?: Affinity[];
  matrix?: DenseScores | null;
  conflicts?: Conflict[];
  forced?: Pair[];
  allow_zero_affinity?: boolean;
}
/** Rules deriving conflicts of interest, needs and loads from the graph. */
export interface ConflictRules {
  employed_by_enterprise?: boolean;
  same_organisation?: boolean;
  /** Window in days for past collaborations (null = rule off). */
  collaboration_days?: number | null;
  as_of?: DateString | null;
  already_engaged?: boolean;
  need?: number;
  min_load?: number;
  default_max_load?: number;
}
export type Solver = "optimal" | "fair" | "greedy";
export interface AssignOptions {
  solver?: Solver;
  alternates?: number;
  scale?: number;
  fair_rounds?: number;
  gap_exact_limit?: number;
}
/** Passed to the progress callback of `assign`; return `false` to cancel. */
export interface AssignProgress { stage: "min_cost_flow" | "dense_lap" | "greedy" | string; done: number; total: number; }
export type SolverUsed = "min_cost_flow" | "dense_lap" | "fair" | "greedy";
export interface Assigned { expert: string; score: number; spare: boolean; }
export interface DemandResult { demand: string; need: number; experts: Assigned[]; total: number; alternates: Assigned[]; }
export interface ExpertLoad { expert: string; load: number; min_load: number; max_load: number; }
export interface Objective { total: number; worst: number; worst_demand: string | null; total_scaled: number; }
export interface Gap { optimal_total: number | null; upper_bound: number; relative: number; }
export interface Diagnostics {
  eligible_pairs: number;
  conflicts_removed: number;
  forced_pairs: number;
  augmentations: number;
  exact: boolean;
  scale: number;
  gap: Gap | null;
  notes: string[];
}
/** The answer of `assign`. */
export interface Assignment {
  solver: SolverUsed;
  demands: DemandResult[];
  loads: ExpertLoad[];
  objective: Objective;
  diagnostics: Diagnostics;
}
export interface Shortfall { demand: string; need: number; eligible: number; missing: number; }
export interface MinLoadIssue { expert: string; min_load: number; eligible_demands: number; }
export interface ForcedIssue { demand: string; expert: string; reason: string; }
export interface QuotaIssue { demand: string; group: string; reason: string; }
export interface Bottleneck { demands: string[]; demand_count: number; experts: string[]; expert_count: number; unrouted: number; }
/** Why no assignment exists. */
export interface Infeasibility {
  short_demands: Shortfall[];
  total_need: number;
  total_capacity: number;
  total_min_load: number;
  min_load_issues: MinLoadIssue[];
  forced_issues: ForcedIssue[];
  quota_issues: QuotaIssue[];
  bottleneck: Bottleneck | null;
}

// ---- impact ----

/** A component of the composite impact index. */
export type Component = "credit" | "position" | "activity";
/** One component of an entity's index: raw value, percentile among its kind, weight, share. */
export interface Part { component: Component; raw: number; percentile: number; weight: number; contribution: number; }
/** One ranked entity with its index and breakdown. */
export interface ImpactRow {
  id: number;
  key: string;
  name: string;
  kind: NodeKind;
  index: number;
  parts: Part[];
  /** Id of its region, if any. */
  region: number | null;
  industries: string[];
}
/** A closed interval of days (`YYYY-MM-DD`); a missing end is unbounded. */
export interface Period {
  from?: string;
  to?: string;
}
/** Options of `Programme.report` (every field optional). */
export interface ReportOptions {
  period?: Period;
  /** Region key; nested regions add up. */
  region?: string | null;
}
/** Label language of `Programme.reportTable`. */
export type ReportLang = "zh" | "en" | "both";
/** How many demands reached a state, and the conversion from the previous stage. */
export interface FunnelStage {
  state: DemandStatus;
  reached: number;
  conversion: number | null;
}
/** Completed stays in a state and their length in days. */
export interface StateTime {
  state: DemandStatus;
  stays: number;
  mean_days: number | null;
  median_days: number | null;
}
/** The demand funnel: posted → matched → contacted → engaged → solved. */
export interface Funnel {
  demands: number;
  open: number;
  stages: FunnelStage[];
  times: StateTime[];
}
/** The pilot-city figures (definitions in the Rust docs of `kechuang::programme::kpi`). */
export interface ProgrammeReport {
  period: Period;
  region: string | null;
  societies_in_cooperation: number;
  national_societies: number;
  experts_brought_in: number;
  academicians: number;
  problems_solved: number;
  alliances_formed: number;
  workstations: number;
  agreements: number;
  projects: number;
  project_funds_cny: number;
  /** Tier (as a string key) → number of liaisons. */
  liaisons_by_tier: Record<string, number>;
  economic_benefit_cny: number;
  max_market_share: number | null;
  max_market_share_outcome: string | null;
  funnel: Funnel;
}
/** Top lists (榜单). */
export interface Leaderboard {
  experts: ImpactRow[];
  societies: ImpactRow[];
  liaisons: ImpactRow[];
  /** Outcomes credited. */
  outcomes: number;
  /** Outcomes no actor could be credited for. */
  unattributed: number;
  /** Total outcome points distributed. */
  points: number;
}
/**
 * Options of the impact index (every field optional; the defaults are documented in the Rust
 * core's `impact::ImpactOptions`). `credit` and `rank` are passed through unchanged (credit rules
 * and decay; PageRank options and per-relation weights and directions).
 */
export interface ImpactOptions {
  credit?: CreditOptions;
  rank?: GraphRankOptions;
  weights?: Partial<Record<Component, number>>;
  kind_weights?: Partial<Record<NodeKind, Partial<Record<Component, number>>>>;
}
/** Power-iteration options of PageRank (every field optional). */
export interface PageRankOptions {
  /** Damping factor in [0, 1); default 0.85. */
  alpha?: number;
  /** Stop when the total L1 change of one iteration is below this; default 1e-10. */
  tol?: number;
  /** Iteration cap; default 1000 (the result then says `converged: false`). */
  max_iter?: number;
}
/**
 * How the typed relations become the weighted graph PageRank, betweenness and brokerage walk
 * (every field optional). By default every relation is followed both ways with weight
 * `edge weight × relation weight`, and geography (`located_in`, `part_of`) has weight 0.
 */
export interface GraphRankOptions {
  pagerank?: PageRankOptions;
  /** Multiplier per relation kind (≥ 0; absent = 1; 0 drops the relation). */
  relation_weights?: Partial<Record<Relation, number>>;
  /** Follow every relation only from source to target. */
  directed?: boolean;
  /** Relations followed only from source to target even when `directed` is false. */
  directed_relations?: Relation[];
}
/** One entity's score on a network measure; `null` where the measure is undefined. */
export interface NodeScore { key: string; kind: NodeKind; score: number | null; }
/** A score per entity (PageRank, betweenness), by key, in id order. */
export interface NodeScores {
  /** `"pagerank"` or `"betweenness"`. */
  measure: string;
  scores: NodeScore[];
  /** What the computation reported: PageRank `{iterations, converged, residual}`, betweenness `{exact, sources}`. */
  info: Record<string, unknown>;
}
/** Options of `Programme.betweenness` (every field optional). */
export interface BetweennessOptions {
  /** Divide by the number of ordered pairs, as networkx's `normalized=True` (default true). */
  normalized?: boolean;
  /** Ignored by `Programme.betweenness` (directedness comes from `rankOptions`). */
  directed?: boolean;
  /** Relation strength as inverse distance (Dijkstra) instead of hop counts. */
  weighted?: boolean;
  /** Number of sampled sources (≥ 2); absent or null = exact. */
  samples?: number | null;
  /** Seed of the source sample. */
  seed?: number;
}
/** Burt's structural-hole measures; index `i` belongs to `keys()[i]`; `null` without neighbours. */
export interface Brokerage {
  /** Constraint (low = a broker between unconnected contacts). */
  constraint: (number | null)[];
  /** Effective size (non-redundant contacts). */
  effective_size: (number | null)[];
}
/** The part an actor played in an outcome. */
export type Group = "solver" | "liaison" | "instrument" | "enterprise";
/** How an outcome's points are split among its actors. */
export type CreditRule = { rule: "role_shares" } | { rule: "shapley"; permutations: number };
/** How money (economic benefit in CNY) becomes points. */
export type MoneyScale =
  | { scale: "log"; unit_cny: number }
  | { scale: "linear"; unit_cny: number }
  | { scale: "normalised" };
/** Options of `Programme.attribution` (every field optional; defaults in the Rust docs of `impact::CreditOptions`). */
export interface CreditOptions {
  rule?: CreditRule;
  group_shares?: Partial<Record<Group, number>>;
  /** Weight of an edge role (lower-case); a missing or unknown role weighs 1. */
  role_weights?: Record<string, number>;
  kind_weights?: Partial<Record<OutcomeKind, number>>;
  money?: MoneyScale;
  /** Points of a 100 % market share. */
  market_share_points?: number;
  /** Half-life of the time decay in days; null switches decay off. */
  half_life_days?: number | null;
  /** Reference day of the decay; default the latest outcome date. */
  as_of?: DateString | null;
  /** Seed of sampled Shapley values. */
  seed?: number;
}
/** One actor's credit for one outcome. */
export interface Credit {
  node: number;
  key: string;
  kind: NodeKind;
  group: Group;
  role: string | null;
  amount: number;
}
/** One outcome with its points and who is credited for them. */
export interface OutcomeCredit {
  outcome: number;
  key: string;
  kind: OutcomeKind;
  value: number;
  decay: number;
  points: number;
  demand: number | null;
  region: number | null;
  industries: string[];
  credits: Credit[];
}
/** Every outcome credited to its actors. */
export interface Attribution {
  outcomes: OutcomeCredit[];
  /** `[entity id, total credit]`, by id. */
  totals: [number, number][];
  as_of: DateString | null;
}
/** The composite impact index of every scored entity. */
export interface ImpactIndex {
  /** Rows in id order. */
  rows: ImpactRow[];
  /** The attribution behind the credit component. */
  attribution: Attribution;
  /** `[region id, enclosing region ids (itself first)]`. */
  regions: [number, number[]][];
}
/** A ranking request (every field optional; default: top 10 experts). */
export interface RankingQuery {
  kind?: NodeKind;
  top_n?: number;
  /** Region key: entities located in it or in a nested sub-region. */
  region?: string | null;
  /** Industry code, prefix match (`"C3"` keeps `"C31"`). */
  industry?: string | null;
}
/**
 * Size limits of a programme in the WASM package (every field optional; the default and the
 * most allowed is `graphLimits()`). Loaders refuse bigger inputs with `limit_exceeded`.
 * `limits()` and `graphLimits()` return all three fields (`Required<GraphLimits>`).
 */
export interface GraphLimits {
  max_nodes?: number;
  max_edges?: number;
  /** Largest snapshot or CSV input in bytes. */
  max_input_bytes?: number;
}
