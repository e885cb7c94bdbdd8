/* tslint:disable */
/* eslint-disable */
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



/**
 * A programme: the collaboration graph of a regional innovation programme.
 *
 * Entities are addressed by key (a string) or by id (a `u32` that is never reused); every
 * method that takes an entity accepts either.
 *
 * The matcher (the text index over every candidate's evidence) is built on the first matching
 * call, or by [`Programme::prepare_matcher`], and kept until the programme is edited.
 */
export class Programme {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Makes `alias` another key of an entity.
     */
    addAlias(alias: string, keyOrId: string | number): void;
    /**
     * Adds a relation from a flat record (`relation`, `source`, `target` keys; no `id`) and
     * returns its new id. Errors: `unknown_key`, `relation_not_allowed`, `invalid_value`.
     */
    addEdge(record: EdgeRecord): number;
    /**
     * Adds an entity from a flat record (`key` and `kind` required, no `id`) and returns its
     * new id. Errors: `invalid_value` (a field that does not apply to the kind, a bad value),
     * `duplicate_key`.
     */
    addNode(record: NodeRecord): number;
    /**
     * The same result as JSON text: the core's exact `serde_json::to_string`
     * bytes, identical to what Rust and Python write for the same call (for a
     * Web Worker's `postMessage`, an upload, a byte-for-byte comparison).
     */
    affinityTableJson(demands: string[], k?: number | null): string;
    /**
     * For each demand (keys) its best `k` experts (default 10) as a sparse table sorted by
     * demand, score descending, candidate key — the input of assignment.
     */
    affinityTable(demands: string[], k?: number | null): AffinityTable;
    /**
     * The fused scores of given `[demand, candidate]` pairs (keys).
     */
    affinity(pairs: [string, string][]): AffinityTable;
    /**
     * Matches and assigns in one call: the affinity table of `demands` with `k` experts each
     * (default 10), the problem the graph implies under `rules` (needs, loads, conflicts —
     * see `assignmentProblem`), solved with the default options. The same problem Python's
     * `Programme.assign(demands=, k=, rules=)` builds.
     */
    assignDemands(demands: string[], k?: number | null, rules?: ConflictRules): Assignment;
    /**
     * The same result as JSON text: the core's exact `serde_json::to_string`
     * bytes, identical to what Rust and Python write for the same call (for a
     * Web Worker's `postMessage`, an upload, a byte-for-byte comparison).
     */
    assignJson(demands: string[], k?: number | null, rules?: ConflictRules): string;
    /**
     * Builds the problem as [`Programme::assignment_problem`] does and solves it.
     */
    assign(affinities: Affinity[], rules?: ConflictRules, options?: AssignOptions, on_progress?: (progress: AssignProgress) => boolean | void): Assignment;
    /**
     * The assignment problem over the demands and experts named in `affinities` (e.g. the
     * entries of `affinityTable`, as `{demand, expert, score}`): needs, loads (from experts'
     * capacity), groups (`"academician"`, `"org:<key>"`) and the conflicts of interest the
     * graph implies under `rules`.
     */
    assignmentProblem(affinities: Affinity[], rules?: ConflictRules): AssignProblem;
    /**
     * Credits every outcome to the actors the graph links it to, by role shares or Shapley
     * values, with time decay (`options`: `rule`, `group_shares`, `role_weights`,
     * `kind_weights`, `money`, `market_share_points`, `half_life_days`, `as_of`, `seed`).
     */
    attribution(options?: CreditOptions): Attribution;
    /**
     * Betweenness of every entity (Brandes; exact, or sampled with `options.samples`
     * sources and `options.seed`), on the same walk graph as PageRank (`rankOptions`), by
     * key with `info: {exact, sources}`. `onProgress(done, total)` is called after each
     * source; returning `false` cancels (`cancelled`), an exception it throws is rethrown.
     * Exact betweenness is O(n·m): on a large programme, sample.
     */
    betweenness(options?: BetweennessOptions, rankOptions?: GraphRankOptions, onProgress?: (done: number, total: number) => boolean | void): NodeScores;
    /**
     * Burt's brokerage of every entity over the relations `rankOptions` keeps: `constraint`
     * (low = a broker between unconnected contacts) and `effective_size`, both indexed like
     * `keys()`; `null` for an entity without neighbours (undefined, as in networkx).
     */
    brokerage(rankOptions?: GraphRankOptions): Brokerage;
    /**
     * Adds a relation of weight 1 between two entities given by key; returns its id.
     */
    connect(relation: Relation, source: string, target: string): number;
    /**
     * Entities per kind, e.g. `{expert: 1000, society: 68}` (kinds with none left out).
     */
    countByKind(): Partial<Record<NodeKind, number>>;
    /**
     * Relations per relation kind (kinds with none left out).
     */
    countByRelation(): Partial<Record<Relation, number>>;
    /**
     * Reverse matching: the open demands that best fit an expert, society or offer (key),
     * best first, at most `k` (default 10).
     */
    demandsFor(key: string, k?: number | null): DemandMatch[];
    /**
     * The record of a relation, or `undefined`.
     */
    edge(id: number): EdgeRecord | undefined;
    /**
     * Loads a programme from CSV files as bytes, e.g. from `<input type=file>`
     * (`{"nodes.csv": Uint8Array, "edges.csv": ...}`; a string value is taken as UTF-8). The
     * encoding is detected per file unless `options.encoding` forces one. The total size
     * (bytes, or a string's UTF-16 length, at most its UTF-8 size) is checked against the
     * limits before any file is copied into WASM memory, the exact size as each is copied.
     */
    static fromCsvFiles(files: Record<string, Uint8Array | string>, options?: CsvOptions, limits?: GraphLimits): Programme;
    /**
     * Loads a programme from CSV tables given as text (`{nodes, edges?, events?, outcomes?,
     * aliases?, taxonomy?}`; only `nodes` is required). Errors name file, row and column;
     * `limit_exceeded` names the size limit (`limits` lowers them, see `fromJson`): the total
     * UTF-16 length of the tables (at most their UTF-8 size) is checked before any is copied
     * into WASM memory, their exact UTF-8 size as each is copied, the counts once loaded.
     */
    static fromCsv(tables: CsvTables, options?: CsvOptions, limits?: GraphLimits): Programme;
    /**
     * Loads a programme from a JSON snapshot, given as a string or as the parsed object.
     * `limits` (optional) lowers the size limits of the package (see `graphLimits()`); the
     * input size is checked before the text is copied into WASM memory, the numbers of
     * entities and relations (records, largest ids, `node_bound`/`edge_bound`) by a pre-pass
     * over the text before any record is read, and the counts again before the programme is
     * returned.
     *
     * Errors: `parse_error` (with line and column), `unsupported_version`, the validation
     * errors of the entries (`invalid_value` naming `nodes[i].field`, `duplicate_key`, …),
     * `limit_exceeded` naming the limit.
     */
    static fromJson(snapshot: string | Snapshot, limits?: GraphLimits): Programme;
    /**
     * A synthetic programme of any size (`{seed, scale}` or exact `{nodes, edges}`; every
     * field optional). Errors: `invalid_value`, `limit_exceeded` (the size is checked against
     * the limits, optionally lowered by `limits`, before generating: exact `nodes`/`edges`,
     * else estimated from `scale`; and the result once more).
     */
    static generate(config?: SynthConfig, limits?: GraphLimits): Programme;
    /**
     * True if an entity has this key (or alias) or id.
     */
    hasNode(keyOrId: string | number): boolean;
    /**
     * The id of the entity with this key or alias, or `undefined`.
     */
    id(key: string): number | undefined;
    /**
     * The composite impact index of every scored entity (outcome credit, network position,
     * activity; each a within-kind percentile) with its breakdown, rows in id order, plus the
     * attribution behind it (`options`: `credit`, `rank`, `weights`, `kind_weights`).
     */
    impactIndex(options?: ImpactOptions): ImpactIndex;
    /**
     * The key of the entity with this id, or `undefined`. Errors: `invalid_value` when `id`
     * is not an integer from 0 to 4294967295.
     */
    key(id: number): string | undefined;
    /**
     * The keys of every entity, or of one kind, in id order. Without `kind` this is the order
     * of per-entity measures (`brokerage().constraint[i]` belongs to `keys()[i]`); with a
     * kind it is a subset, not aligned with them.
     */
    keys(kind?: NodeKind): string[];
    /**
     * The same result as JSON text: the core's exact `serde_json::to_string`
     * bytes, identical to what Rust and Python write for the same call (for a
     * Web Worker's `postMessage`, an upload, a byte-for-byte comparison).
     */
    leaderboardJson(n?: number | null, options?: ImpactOptions): string;
    /**
     * The top `n` experts, societies and liaisons (default 10) by composite impact index —
     * outcome credit, network position and activity, percentile-normalised, each row with its
     * breakdown. Options: credit rules, ranking weights per relation, component weights.
     */
    leaderboard(n?: number | null, options?: ImpactOptions): Leaderboard;
    /**
     * The size limits of this programme (`{max_nodes, max_edges, max_input_bytes}`).
     */
    limits(): Required<GraphLimits>;
    /**
     * Several queries at once; the same answers as one at a time, in input order.
     */
    matchBatch(queries: Query[]): Matches[];
    /**
     * The matching configuration (weights, BM25, fields, aggregation, fuzzy, network…).
     */
    matchConfig(): MatchConfig;
    /**
     * The same result as JSON text: the core's exact `serde_json::to_string`
     * bytes, identical to what Rust and Python write for the same call (for a
     * Web Worker's `postMessage`, an upload, a byte-for-byte comparison).
     */
    matchJson(query: Query): string;
    /**
     * Ranks experts, societies, offers or teams for a demand (by key, or free text with
     * optional industries, enterprise and region), with filters; every result explained by
     * its signals, their contributions, the matched terms with their evidence, and the
     * connecting path from the enterprise.
     *
     * Errors: `unknown_key`, `wrong_kind`, `invalid_value` (k = 0, a query with neither
     * demand nor text, an unknown field), `limit_exceeded` (k, text length).
     */
    match(query: Query): Matches;
    /**
     * The relations of an entity with the entity at the other end, optionally of one
     * relation kind and one direction (`"out"`, `"in"`, default `"both"`); outgoing first,
     * each group in insertion order.
     */
    neighbours(keyOrId: string | number, options?: NeighbourOptions): Neighbour[];
    /**
     * An empty programme with the default taxonomy and the maximum size limits.
     */
    constructor();
    /**
     * The record of an entity, or `undefined` if there is none with this key or id.
     */
    node(keyOrId: string | number): NodeRecord | undefined;
    /**
     * Records of every entity, or of one kind, in id order.
     */
    nodes(kind?: NodeKind): NodeRecord[];
    /**
     * The same result as JSON text: the core's exact `serde_json::to_string`
     * bytes, identical to what Rust and Python write for the same call (for a
     * Web Worker's `postMessage`, an upload, a byte-for-byte comparison).
     */
    pagerankJson(options?: GraphRankOptions, restart?: Record<string, number>): string;
    /**
     * PageRank of every entity on the walk graph (`options`: `pagerank` {`alpha`, `tol`,
     * `max_iter`}, `relation_weights`, `directed`, `directed_relations`), optionally
     * personalised: `restart` maps entity keys to weights (≥ 0, scaled to sum 1; dangling
     * mass restarts there too). Scores by key in id order, with
     * `info: {iterations, converged, residual}`. Errors: `invalid_value`, `unknown_key`.
     */
    pagerank(options?: GraphRankOptions, restart?: Record<string, number>): NodeScores;
    /**
     * Builds the matcher now (otherwise the first matching call does), so the first query
     * is as fast as the next ones. Edits drop it; it is rebuilt on the next use.
     */
    prepareMatcher(): void;
    /**
     * A ranking (榜单): the top `top_n` entities of a kind by impact index (default: 10
     * experts), optionally within a region (nested sub-regions included) or an industry
     * (prefix match), best first, ties by key. The index is computed once per options and
     * kept until the programme is edited, so ranking by several regions costs one index.
     * Errors: `unknown_key` / `wrong_kind` for the region, `invalid_value`.
     */
    ranking(query?: RankingQuery, options?: ImpactOptions): ImpactRow[];
    /**
     * The key of the region an entity is located in, or `undefined`.
     */
    regionOf(keyOrId: string | number): string | undefined;
    /**
     * Removes a relation; returns its record.
     */
    removeEdge(id: number): EdgeRecord;
    /**
     * Removes an entity with its relations and aliases; returns its record.
     */
    removeNode(keyOrId: string | number): NodeRecord;
    /**
     * The same result as JSON text: the core's exact `serde_json::to_string`
     * bytes, identical to what Rust and Python write for the same call (for a
     * Web Worker's `postMessage`, an upload, a byte-for-byte comparison).
     */
    reportJson(options?: ReportOptions): string;
    /**
     * The same report as a printable table with Chinese, English or both labels.
     */
    reportTable(options?: ReportOptions, lang?: ReportLang): string;
    /**
     * The pilot-city report for a period and an optional region (nested regions add up):
     * societies in cooperation, experts brought in and academicians among them, problems
     * solved, alliances, workstations, agreements, projects and their funds, liaisons by tier,
     * economic benefit, best market share, and the demand funnel.
     */
    report(options?: ReportOptions): ProgrammeReport;
    /**
     * Replaces the matching configuration (fields left out take their defaults); the
     * matcher is rebuilt on the next use. Errors: `invalid_value` naming the field.
     */
    setMatchConfig(config: MatchConfig): void;
    /**
     * Replaces the header (unknown fields are refused).
     */
    setMeta(meta: ProgrammeMeta): void;
    /**
     * The Tai'an preset: a synthetic pilot city shaped like Tai'an 2020–2022 (about 11,000
     * entities and 40,000 relations), the same for the same seed on every platform, with
     * ground truth for its demands (see [`Programme::truth`]).
     */
    static taian(seed: number): Programme;
    /**
     * The programme as CSV tables (text), which `fromCsv` reads back into an equal
     * programme, ids included.
     */
    toCsv(): CsvTables;
    /**
     * The programme as a JSON snapshot string (indented when `pretty` is true).
     */
    toJson(pretty?: boolean | null): string;
    /**
     * The programme as a snapshot object (the parsed form of [`Programme::to_json`]).
     */
    toObject(): Snapshot;
    /**
     * Moves a demand to its next lifecycle state (`to`: `"analysed"`, `"matched"`, …) on
     * `date` (`"YYYY-MM-DD"`), by an optional actor (e.g. a liaison's key) with an optional
     * note; returns the recorded event. Errors (and then nothing changes): `unknown_key`,
     * `wrong_kind`, `invalid_transition` (the message lists the allowed next states),
     * `invalid_value` (an unknown state, a date before the last event or the posting, an
     * empty actor), `parse_error` (a malformed date).
     */
    transition(demand: string, to: DemandStatus, date: string, actor?: string | null, note?: string | null): DemandEvent;
    /**
     * The known best-fit experts of a synthetic programme's demands (empty for a programme
     * loaded from a snapshot or built by hand).
     */
    truth(): GroundTruth[];
    /**
     * Replaces a relation's weight, role, dates and attributes (relation, source and target
     * must stay the same).
     */
    updateEdge(id: number, record: EdgeRecord): void;
    /**
     * Replaces an entity's key, names, data and attributes with a full record (the kind
     * cannot change). Errors: `unknown_key`/`unknown_id`, `wrong_kind`, `duplicate_key`.
     */
    updateNode(keyOrId: string | number, record: NodeRecord): void;
    /**
     * Number of relations.
     */
    readonly edgeCount: number;
    /**
     * The programme's header (`title`, `title_en`, `description`, `source`, `as_of`; absent
     * fields left out). No computation reads it.
     */
    readonly meta: ProgrammeMeta;
    /**
     * Number of entities.
     */
    readonly nodeCount: number;
}

/**
 * Solves an assignment problem given in full (demands, experts, sparse `affinities` or a
 * dense `matrix`, conflicts, forced pairs, quotas). Errors: `infeasible` (the message says
 * which constraint and by how much; [`diagnose_problem`] gives the structured diagnosis),
 * `invalid_value`, `unknown_key`, `limit_exceeded`, `cancelled`.
 */
export function assign(problem: AssignProblem, options?: AssignOptions, on_progress?: (progress: AssignProgress) => boolean | void): Assignment;

/**
 * Why a problem has no assignment (needs above eligible experts, loads, forced pairs,
 * quotas, a bottleneck), or `null` when it has one.
 */
export function diagnose(problem: AssignProblem): Infeasibility | null;

/**
 * Every error code the package may put on an `Error`'s `code` property (the core's
 * `Error::CODES`), so callers can check they handle them all.
 */
export function errorCodes(): ErrorCode[];

/**
 * The maximum size limits of the WASM package (`{max_nodes, max_edges, max_input_bytes}`),
 * the default of every programme.
 */
export function graphLimits(): Required<GraphLimits>;

/**
 * Installs the panic hook when the module is instantiated, so that a bug in kechuang shows up
 * as a readable message with its Rust location in the console instead of "unreachable".
 */
export function start(): void;

/**
 * The kechuang version this package was built from (the crate version).
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_programme_free: (a: number, b: number) => void;
    readonly assign: (a: any, b: number, c: number) => [number, number, number];
    readonly diagnose: (a: any) => [number, number, number];
    readonly errorCodes: () => [number, number];
    readonly graphLimits: () => [number, number, number];
    readonly programme_addAlias: (a: number, b: number, c: number, d: any) => [number, number];
    readonly programme_addEdge: (a: number, b: any) => [number, number, number];
    readonly programme_addNode: (a: number, b: any) => [number, number, number];
    readonly programme_affinity: (a: number, b: any) => [number, number, number];
    readonly programme_affinityTable: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly programme_affinityTableJson: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly programme_assign: (a: number, b: any, c: number, d: number, e: number) => [number, number, number];
    readonly programme_assignDemands: (a: number, b: number, c: number, d: number, e: number) => [number, number, number];
    readonly programme_assignJson: (a: number, b: number, c: number, d: number, e: number) => [number, number, number, number];
    readonly programme_assignmentProblem: (a: number, b: any, c: number) => [number, number, number];
    readonly programme_attribution: (a: number, b: number) => [number, number, number];
    readonly programme_betweenness: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly programme_brokerage: (a: number, b: number) => [number, number, number];
    readonly programme_connect: (a: number, b: number, c: number, d: number, e: number, f: number, g: number) => [number, number, number];
    readonly programme_countByKind: (a: number) => [number, number, number];
    readonly programme_countByRelation: (a: number) => [number, number, number];
    readonly programme_demandsFor: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly programme_edge: (a: number, b: any) => [number, number, number];
    readonly programme_edgeCount: (a: number) => number;
    readonly programme_fromCsv: (a: any, b: number, c: number) => [number, number, number];
    readonly programme_fromCsvFiles: (a: any, b: number, c: number) => [number, number, number];
    readonly programme_fromJson: (a: any, b: number) => [number, number, number];
    readonly programme_generate: (a: number, b: number) => [number, number, number];
    readonly programme_hasNode: (a: number, b: any) => number;
    readonly programme_id: (a: number, b: number, c: number) => number;
    readonly programme_impactIndex: (a: number, b: number) => [number, number, number];
    readonly programme_key: (a: number, b: any) => [number, number, number, number];
    readonly programme_keys: (a: number, b: number, c: number) => [number, number, number, number];
    readonly programme_leaderboard: (a: number, b: number, c: number) => [number, number, number];
    readonly programme_leaderboardJson: (a: number, b: number, c: number) => [number, number, number, number];
    readonly programme_limits: (a: number) => [number, number, number];
    readonly programme_match: (a: number, b: any) => [number, number, number];
    readonly programme_matchBatch: (a: number, b: any) => [number, number, number];
    readonly programme_matchConfig: (a: number) => [number, number, number];
    readonly programme_matchJson: (a: number, b: any) => [number, number, number, number];
    readonly programme_meta: (a: number) => [number, number, number];
    readonly programme_neighbours: (a: number, b: any, c: number) => [number, number, number];
    readonly programme_new: () => number;
    readonly programme_node: (a: number, b: any) => [number, number, number];
    readonly programme_nodeCount: (a: number) => number;
    readonly programme_nodes: (a: number, b: number, c: number) => [number, number, number];
    readonly programme_pagerank: (a: number, b: number, c: number) => [number, number, number];
    readonly programme_pagerankJson: (a: number, b: number, c: number) => [number, number, number, number];
    readonly programme_prepareMatcher: (a: number) => [number, number];
    readonly programme_ranking: (a: number, b: number, c: number) => [number, number, number];
    readonly programme_regionOf: (a: number, b: any) => [number, number, number, number];
    readonly programme_removeEdge: (a: number, b: any) => [number, number, number];
    readonly programme_removeNode: (a: number, b: any) => [number, number, number];
    readonly programme_report: (a: number, b: number) => [number, number, number];
    readonly programme_reportJson: (a: number, b: number) => [number, number, number, number];
    readonly programme_reportTable: (a: number, b: number, c: number) => [number, number, number, number];
    readonly programme_setMatchConfig: (a: number, b: any) => [number, number];
    readonly programme_setMeta: (a: number, b: any) => [number, number];
    readonly programme_taian: (a: number) => [number, number, number];
    readonly programme_toCsv: (a: number) => [number, number, number];
    readonly programme_toJson: (a: number, b: number) => [number, number, number, number];
    readonly programme_toObject: (a: number) => [number, number, number];
    readonly programme_transition: (a: number, b: number, c: number, d: any, e: number, f: number, g: number, h: number, i: number, j: number) => [number, number, number];
    readonly programme_truth: (a: number) => [number, number, number];
    readonly programme_updateEdge: (a: number, b: any, c: any) => [number, number];
    readonly programme_updateNode: (a: number, b: any, c: any) => [number, number];
    readonly start: () => void;
    readonly version: () => [number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
