//! Built-in domain vocabularies, names and places used by the generator.
//!
//! Every topic carries technical terms in four forms: Chinese, English, and a variant of each
//! (a synonym, an abbreviation or an alternative spelling) so that matching can be tested on
//! demands written differently from the experts' documents.

/// One technical term: `(zh, en, zh variant, en variant)`.
pub(crate) type TermForms = (&'static str, &'static str, &'static str, &'static str);

/// A topic: a coherent field of expertise inside one industry.
pub(crate) struct Topic {
    /// Stable topic id used in ground truth.
    pub id: &'static str,
    /// Domain (index into [`DOMAINS`]).
    pub domain: usize,
    /// Industry code (default taxonomy).
    pub industry: &'static str,
    /// Discipline codes (default taxonomy).
    pub disciplines: &'static [&'static str],
    /// Chinese name of the field.
    pub name_zh: &'static str,
    /// English name of the field.
    pub name_en: &'static str,
    /// Technical terms.
    pub terms: &'static [TermForms],
}

/// Domains: `(zh, en, words shared by every topic of the domain: zh, en)`.
pub(crate) const DOMAINS: &[(&str, &str, &str, &str)] = &[
    ("冶金", "metallurgy", "钢铁生产", "steel production"),
    ("采矿", "mining", "煤矿安全", "mine safety"),
    ("化工", "chemicals", "化工工艺", "chemical process"),
    (
        "装备制造",
        "equipment",
        "装备制造",
        "equipment manufacturing",
    ),
    (
        "新材料",
        "new materials",
        "材料性能",
        "material performance",
    ),
    ("检验检测", "testing", "检测方法", "test method"),
    (
        "现代农业",
        "agriculture",
        "农业生产",
        "agricultural production",
    ),
    ("新能源", "new energy", "能源利用", "energy utilisation"),
    ("医药", "pharma", "药品质量", "drug quality"),
    ("信息技术", "IT", "数字化转型", "digital transformation"),
    ("纺织", "textiles", "纺织工艺", "textile process"),
];

/// The topics. Ids are stable: ground truth refers to them.
pub(crate) const TOPICS: &[Topic] = &[
    Topic {
        id: "met-ironmaking",
        domain: 0,
        industry: "C31",
        disciplines: &["450"],
        name_zh: "高炉炼铁",
        name_en: "blast furnace ironmaking",
        terms: &[
            ("高炉", "blast furnace", "炼铁炉", "BF"),
            (
                "煤气余热回收",
                "waste gas heat recovery",
                "余热利用",
                "waste heat utilisation",
            ),
            ("烧结矿", "sinter ore", "烧结料", "sintered ore"),
            ("喷煤", "pulverized coal injection", "煤粉喷吹", "PCI"),
            ("炉渣", "slag", "熔渣", "cinder"),
        ],
    },
    Topic {
        id: "met-rolling",
        domain: 0,
        industry: "C31",
        disciplines: &["450", "430"],
        name_zh: "轧钢与热处理",
        name_en: "rolling and heat treatment",
        terms: &[
            ("热轧", "hot rolling", "热连轧", "hot strip rolling"),
            ("淬火", "quenching", "淬硬处理", "hardening"),
            ("板形控制", "flatness control", "板型控制", "shape control"),
            ("回火", "tempering", "调质处理", "drawing temper"),
            ("氧化铁皮", "mill scale", "铁鳞", "iron oxide scale"),
        ],
    },
    Topic {
        id: "met-steelmaking",
        domain: 0,
        industry: "C31",
        disciplines: &["450"],
        name_zh: "转炉炼钢",
        name_en: "converter steelmaking",
        terms: &[
            ("转炉", "converter", "氧气顶吹炉", "BOF"),
            ("脱硫", "desulfurization", "除硫", "desulphurisation"),
            ("连铸", "continuous casting", "连续铸钢", "CC casting"),
            (
                "钢水纯净度",
                "steel cleanliness",
                "钢液洁净度",
                "clean steel",
            ),
            ("精炼", "secondary refining", "钢包冶金", "ladle metallurgy"),
        ],
    },
    Topic {
        id: "min-gas",
        domain: 1,
        industry: "B06",
        disciplines: &["440", "610"],
        name_zh: "瓦斯防治",
        name_en: "gas control",
        terms: &[
            ("瓦斯抽采", "gas drainage", "瓦斯抽放", "methane drainage"),
            (
                "煤与瓦斯突出",
                "coal and gas outburst",
                "瓦斯喷出",
                "gas burst",
            ),
            (
                "通风系统",
                "ventilation system",
                "矿井通风",
                "mine ventilation",
            ),
            (
                "瓦斯浓度监测",
                "methane monitoring",
                "瓦斯监控",
                "gas concentration monitoring",
            ),
            (
                "防突措施",
                "outburst prevention",
                "防治突出",
                "outburst control",
            ),
        ],
    },
    Topic {
        id: "min-support",
        domain: 1,
        industry: "B06",
        disciplines: &["440", "460"],
        name_zh: "巷道支护",
        name_en: "roadway support",
        terms: &[
            ("锚杆支护", "rock bolting", "锚网支护", "bolt support"),
            ("冲击地压", "rock burst", "冲击矿压", "coal bump"),
            (
                "巷道变形",
                "roadway deformation",
                "巷道围岩变形",
                "tunnel convergence",
            ),
            (
                "液压支架",
                "hydraulic support",
                "综采支架",
                "powered roof support",
            ),
            ("顶板管理", "roof control", "顶板控制", "roof management"),
        ],
    },
    Topic {
        id: "min-washing",
        domain: 1,
        industry: "B06",
        disciplines: &["440", "530"],
        name_zh: "选煤与洗选",
        name_en: "coal preparation",
        terms: &[
            ("重介选煤", "dense medium separation", "重介质选煤", "DMS"),
            ("煤泥水", "slime water", "煤泥废水", "coal slurry water"),
            ("浮选", "flotation", "泡沫选矿", "froth separation"),
            ("矸石", "gangue", "废石", "coal refuse"),
            ("脱水", "dewatering", "除水", "water removal"),
        ],
    },
    Topic {
        id: "chem-catalysis",
        domain: 2,
        industry: "C26",
        disciplines: &["530"],
        name_zh: "催化反应工程",
        name_en: "catalytic reaction engineering",
        terms: &[
            (
                "催化剂失活",
                "catalyst deactivation",
                "催化剂中毒",
                "catalyst poisoning",
            ),
            ("选择性", "selectivity", "选择率", "selectiveness"),
            (
                "固定床反应器",
                "fixed bed reactor",
                "填充床",
                "packed bed reactor",
            ),
            ("加氢", "hydrogenation", "氢化", "hydrotreating"),
            ("副产物", "by-product", "副反应产物", "side product"),
        ],
    },
    Topic {
        id: "chem-wastewater",
        domain: 2,
        industry: "C26",
        disciplines: &["530", "610"],
        name_zh: "化工废水处理",
        name_en: "chemical wastewater treatment",
        terms: &[
            (
                "高盐废水",
                "high salinity wastewater",
                "含盐废水",
                "saline effluent",
            ),
            ("化学需氧量", "chemical oxygen demand", "COD", "COD load"),
            (
                "膜分离",
                "membrane separation",
                "膜处理",
                "membrane filtration",
            ),
            (
                "蒸发结晶",
                "evaporative crystallization",
                "MVR结晶",
                "evaporation crystallisation",
            ),
            ("零排放", "zero liquid discharge", "废水不外排", "ZLD"),
        ],
    },
    Topic {
        id: "eq-hydraulics",
        domain: 3,
        industry: "C34",
        disciplines: &["460"],
        name_zh: "液压传动",
        name_en: "hydraulic transmission",
        terms: &[
            (
                "液压系统",
                "hydraulic system",
                "液压传动系统",
                "fluid power system",
            ),
            ("泄漏", "leakage", "渗漏", "seepage"),
            ("密封", "seal", "封严", "gasket"),
            ("柱塞泵", "piston pump", "柱塞式液压泵", "plunger pump"),
            (
                "压力波动",
                "pressure fluctuation",
                "压力脉动",
                "pressure pulsation",
            ),
        ],
    },
    Topic {
        id: "eq-bearing",
        domain: 3,
        industry: "C34",
        disciplines: &["460", "430"],
        name_zh: "轴承与传动",
        name_en: "bearings and drives",
        terms: &[
            (
                "轴承寿命",
                "bearing life",
                "轴承使用寿命",
                "bearing service life",
            ),
            ("齿轮箱", "gearbox", "减速机", "reducer"),
            (
                "振动故障诊断",
                "vibration fault diagnosis",
                "振动诊断",
                "vibration diagnostics",
            ),
            ("润滑", "lubrication", "减摩", "lube"),
            ("疲劳磨损", "fatigue wear", "疲劳剥落", "spalling"),
        ],
    },
    Topic {
        id: "eq-mining-machine",
        domain: 3,
        industry: "C35",
        disciplines: &["460", "470"],
        name_zh: "矿山专用设备",
        name_en: "mining machinery",
        terms: &[
            ("采煤机", "shearer", "割煤机", "coal cutter"),
            (
                "刮板输送机",
                "scraper conveyor",
                "刮板机",
                "armoured face conveyor",
            ),
            ("截齿", "pick", "截割齿", "cutting tooth"),
            (
                "电液控制",
                "electro-hydraulic control",
                "电控液压",
                "EH control",
            ),
            (
                "防爆电机",
                "explosion-proof motor",
                "隔爆电机",
                "flameproof motor",
            ),
        ],
    },
    Topic {
        id: "mat-glassfiber",
        domain: 4,
        industry: "C30",
        disciplines: &["430"],
        name_zh: "玻璃纤维与复合材料",
        name_en: "glass fibre and composites",
        terms: &[
            ("玻璃纤维", "glass fiber", "玻纤", "glass fibre"),
            ("复合材料", "composite material", "纤维增强塑料", "FRP"),
            ("拉丝漏板", "bushing", "铂铑漏板", "spinneret plate"),
            ("浸润剂", "sizing agent", "上浆剂", "size"),
            ("拉伸强度", "tensile strength", "抗拉强度", "UTS"),
        ],
    },
    Topic {
        id: "mat-ceramics",
        domain: 4,
        industry: "C30",
        disciplines: &["430", "530"],
        name_zh: "先进陶瓷与耐火材料",
        name_en: "advanced ceramics and refractories",
        terms: &[
            ("耐火材料", "refractory", "耐材", "refractories"),
            (
                "抗热震",
                "thermal shock resistance",
                "热震稳定性",
                "thermal shock stability",
            ),
            (
                "烧结致密化",
                "sintering densification",
                "致密烧结",
                "pore elimination",
            ),
            (
                "氧化铝陶瓷",
                "alumina ceramics",
                "刚玉陶瓷",
                "Al2O3 ceramics",
            ),
            ("气孔率", "porosity", "孔隙度", "pore fraction"),
        ],
    },
    Topic {
        id: "test-ndt",
        domain: 5,
        industry: "M745",
        disciplines: &["410"],
        name_zh: "无损检测",
        name_en: "non-destructive testing",
        terms: &[
            ("超声检测", "ultrasonic testing", "超声波探伤", "UT"),
            ("射线检测", "radiographic testing", "X射线探伤", "RT"),
            ("焊缝缺陷", "weld defect", "焊接缺陷", "welding flaw"),
            ("涡流检测", "eddy current testing", "涡流探伤", "ECT"),
            (
                "缺陷识别",
                "defect recognition",
                "缺陷判读",
                "flaw identification",
            ),
        ],
    },
    Topic {
        id: "test-analysis",
        domain: 5,
        industry: "M745",
        disciplines: &["410", "530"],
        name_zh: "化学分析与计量",
        name_en: "chemical analysis and metrology",
        terms: &[
            ("光谱分析", "spectral analysis", "光谱检测", "spectroscopy"),
            ("检出限", "detection limit", "检测下限", "LOD"),
            (
                "测量不确定度",
                "measurement uncertainty",
                "不确定度评定",
                "uncertainty evaluation",
            ),
            ("标准物质", "reference material", "标样", "CRM"),
            ("重金属", "heavy metals", "有毒金属", "toxic metals"),
        ],
    },
    Topic {
        id: "agr-wheat",
        domain: 6,
        industry: "A01",
        disciplines: &["210"],
        name_zh: "小麦育种与栽培",
        name_en: "wheat breeding and cultivation",
        terms: &[
            ("小麦", "wheat", "麦子", "Triticum"),
            (
                "抗病品种",
                "disease-resistant variety",
                "抗病良种",
                "resistant cultivar",
            ),
            ("赤霉病", "fusarium head blight", "穗腐病", "FHB"),
            (
                "水肥一体化",
                "fertigation",
                "灌溉施肥",
                "integrated water and fertilizer",
            ),
            ("单产", "yield per mu", "亩产", "unit yield"),
        ],
    },
    Topic {
        id: "agr-fruit",
        domain: 6,
        industry: "A01",
        disciplines: &["210", "610"],
        name_zh: "果蔬与设施农业",
        name_en: "fruit, vegetables and protected agriculture",
        terms: &[
            ("设施大棚", "greenhouse", "日光温室", "glasshouse"),
            (
                "土壤连作障碍",
                "continuous cropping obstacle",
                "重茬病",
                "replant problem",
            ),
            (
                "保鲜贮藏",
                "fresh-keeping storage",
                "冷链保鲜",
                "postharvest preservation",
            ),
            (
                "病虫害绿色防控",
                "green pest control",
                "生物防治",
                "integrated pest management",
            ),
            ("樱桃", "cherry", "车厘子", "Prunus avium"),
        ],
    },
    Topic {
        id: "ene-pv",
        domain: 7,
        industry: "D44",
        disciplines: &["470"],
        name_zh: "光伏与储能",
        name_en: "photovoltaics and storage",
        terms: &[
            (
                "光伏组件",
                "photovoltaic module",
                "太阳能电池板",
                "PV panel",
            ),
            (
                "储能电池",
                "energy storage battery",
                "储能电站电池",
                "battery storage",
            ),
            ("逆变器", "inverter", "变流器", "power converter"),
            ("功率衰减", "power degradation", "功率衰退", "output decay"),
            ("热失控", "thermal runaway", "电池起火", "cell venting fire"),
        ],
    },
    Topic {
        id: "ene-power",
        domain: 7,
        industry: "D44",
        disciplines: &["470", "610"],
        name_zh: "电力与节能",
        name_en: "power and energy saving",
        terms: &[
            (
                "电网调峰",
                "grid peak shaving",
                "削峰填谷",
                "peak regulation",
            ),
            (
                "锅炉燃烧优化",
                "boiler combustion optimization",
                "配风调整",
                "combustion tuning",
            ),
            ("氮氧化物排放", "NOx emission", "脱硝", "denitrification"),
            ("变压器", "transformer", "主变", "xfmr"),
            ("能耗", "energy consumption", "能源消耗", "energy intensity"),
        ],
    },
    Topic {
        id: "pha-api",
        domain: 8,
        industry: "C27",
        disciplines: &["350", "530"],
        name_zh: "原料药合成",
        name_en: "API synthesis",
        terms: &[
            (
                "原料药",
                "active pharmaceutical ingredient",
                "API",
                "drug substance",
            ),
            (
                "杂质控制",
                "impurity control",
                "有关物质控制",
                "impurity profiling",
            ),
            (
                "结晶工艺",
                "crystallization process",
                "重结晶",
                "recrystallisation",
            ),
            ("收率", "yield", "产率", "output ratio"),
            (
                "溶剂残留",
                "residual solvent",
                "残留溶剂",
                "solvent residue",
            ),
        ],
    },
    Topic {
        id: "pha-formulation",
        domain: 8,
        industry: "C27",
        disciplines: &["350"],
        name_zh: "制剂与一致性评价",
        name_en: "formulation and consistency evaluation",
        terms: &[
            (
                "一致性评价",
                "consistency evaluation",
                "仿制药质量和疗效评价",
                "generic drug equivalence",
            ),
            (
                "溶出度",
                "dissolution rate",
                "溶出曲线",
                "dissolution profile",
            ),
            (
                "缓释制剂",
                "sustained-release formulation",
                "缓释片",
                "extended release",
            ),
            (
                "生物利用度",
                "bioavailability",
                "生物等效性",
                "bioequivalence",
            ),
            ("辅料", "excipient", "赋形剂", "inactive ingredient"),
        ],
    },
    Topic {
        id: "it-industrial-internet",
        domain: 9,
        industry: "I65",
        disciplines: &["520"],
        name_zh: "工业互联网",
        name_en: "industrial internet",
        terms: &[
            (
                "工业互联网平台",
                "industrial internet platform",
                "工业云平台",
                "IIoT platform",
            ),
            ("数字孪生", "digital twin", "数字双胞胎", "virtual replica"),
            (
                "设备联网",
                "equipment networking",
                "设备互联",
                "machine connectivity",
            ),
            ("数据采集", "data acquisition", "数采", "SCADA"),
            ("边缘计算", "edge computing", "边缘侧计算", "edge analytics"),
        ],
    },
    Topic {
        id: "it-vision",
        domain: 9,
        industry: "I65",
        disciplines: &["520", "410"],
        name_zh: "机器视觉与人工智能",
        name_en: "machine vision and AI",
        terms: &[
            ("机器视觉", "machine vision", "视觉检测", "computer vision"),
            ("深度学习", "deep learning", "深度神经网络", "DNN"),
            (
                "表面缺陷检测",
                "surface defect detection",
                "表面瑕疵检测",
                "surface flaw inspection",
            ),
            (
                "目标识别",
                "object recognition",
                "目标检测",
                "object detection",
            ),
            (
                "预测性维护",
                "predictive maintenance",
                "预知维护",
                "condition-based maintenance",
            ),
        ],
    },
    Topic {
        id: "tex-dyeing",
        domain: 10,
        industry: "C17",
        disciplines: &["540", "530"],
        name_zh: "印染与后整理",
        name_en: "dyeing and finishing",
        terms: &[
            (
                "印染废水",
                "dyeing wastewater",
                "染色废水",
                "textile effluent",
            ),
            ("色牢度", "color fastness", "耐洗牢度", "colour fastness"),
            (
                "活性染料",
                "reactive dye",
                "反应性染料",
                "fibre-reactive colorant",
            ),
            (
                "功能整理",
                "functional finishing",
                "功能性后整理",
                "special finish",
            ),
            (
                "无水染色",
                "waterless dyeing",
                "超临界染色",
                "supercritical CO2 dyeing",
            ),
        ],
    },
    Topic {
        id: "tex-fiber",
        domain: 10,
        industry: "C17",
        disciplines: &["540", "430"],
        name_zh: "纤维与纺纱",
        name_en: "fibres and spinning",
        terms: &[
            ("纺纱", "spinning", "成纱", "yarn formation"),
            ("断头率", "end breakage rate", "断纱率", "yarn breakage"),
            ("涤纶", "polyester fiber", "聚酯纤维", "PET fibre"),
            (
                "产业用纺织品",
                "technical textiles",
                "产业用布",
                "industrial textiles",
            ),
            ("无纺布", "nonwoven fabric", "非织造布", "nonwovens"),
        ],
    },
];

/// Common Chinese surnames (weighted by position: earlier ones are picked more often).
pub(crate) const SURNAMES: &[(&str, &str)] = &[
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("胡", "Hu"),
    ("朱", "Zhu"),
    ("高", "Gao"),
    ("林", "Lin"),
    ("何", "He"),
    ("郭", "Guo"),
    ("马", "Ma"),
    ("罗", "Luo"),
    ("梁", "Liang"),
    ("宋", "Song"),
    ("郑", "Zheng"),
    ("谢", "Xie"),
    ("韩", "Han"),
    ("唐", "Tang"),
    ("冯", "Feng"),
    ("于", "Yu"),
    ("董", "Dong"),
    ("萧", "Xiao"),
    ("程", "Cheng"),
    ("曹", "Cao"),
    ("袁", "Yuan"),
    ("邓", "Deng"),
    ("许", "Xu"),
    ("傅", "Fu"),
];

/// Characters for given names, with pinyin.
pub(crate) const GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀", "xiu"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂", "gui"),
    ("建", "jian"),
    ("国", "guo"),
    ("华", "hua"),
    ("文", "wen"),
    ("志", "zhi"),
    ("海", "hai"),
    ("东", "dong"),
    ("峰", "feng"),
    ("岩", "yan"),
    ("泰", "tai"),
    ("岳", "yue"),
    ("宁", "ning"),
    ("新", "xin"),
    ("立", "li"),
    ("鹏", "peng"),
];

/// Tai'an's regions: `(key suffix, zh, en, level, admin code, parent index or usize::MAX)`.
pub(crate) const REGIONS: &[(&str, &str, &str, &str, &str, usize)] = &[
    ("taian", "泰安市", "Tai'an", "city", "370900", usize::MAX),
    (
        "taishan",
        "泰山区",
        "Taishan District",
        "district",
        "370902",
        0,
    ),
    (
        "daiyue",
        "岱岳区",
        "Daiyue District",
        "district",
        "370911",
        0,
    ),
    ("xintai", "新泰市", "Xintai City", "county", "370982", 0),
    ("feicheng", "肥城市", "Feicheng City", "county", "370983", 0),
    (
        "ningyang",
        "宁阳县",
        "Ningyang County",
        "county",
        "370921",
        0,
    ),
    (
        "dongping",
        "东平县",
        "Dongping County",
        "county",
        "370923",
        0,
    ),
    (
        "hightech",
        "泰安高新区",
        "Tai'an Hi-tech Zone",
        "park",
        "",
        0,
    ),
    (
        "etdz",
        "泰安经开区",
        "Tai'an Economic Development Zone",
        "park",
        "",
        0,
    ),
    (
        "xushan",
        "徐家楼街道",
        "Xujialou Subdistrict",
        "town",
        "",
        1,
    ),
    (
        "xintai-park",
        "新泰经济开发区",
        "Xintai Economic Development Zone",
        "park",
        "",
        3,
    ),
    (
        "feicheng-park",
        "肥城高新区",
        "Feicheng Hi-tech Zone",
        "park",
        "",
        4,
    ),
    (
        "ningyang-park",
        "宁阳经济开发区",
        "Ningyang Economic Development Zone",
        "park",
        "",
        5,
    ),
    (
        "daiyue-park",
        "岱岳经济开发区",
        "Daiyue Economic Development Zone",
        "park",
        "",
        2,
    ),
];

/// Prefixes for enterprise names (place-like words) and their English forms.
pub(crate) const FIRM_PREFIX: &[(&str, &str)] = &[
    ("泰山", "Taishan"),
    ("岱宗", "Daizong"),
    ("汶河", "Wenhe"),
    ("鲁中", "Luzhong"),
    ("泰和", "Taihe"),
    ("东岳", "Dongyue"),
    ("华信", "Huaxin"),
    ("瑞康", "Ruikang"),
    ("金泰", "Jintai"),
    ("宏达", "Hongda"),
    ("鑫源", "Xinyuan"),
    ("恒通", "Hengtong"),
    ("中岳", "Zhongyue"),
    ("新华", "Xinhua"),
    ("齐鲁", "Qilu"),
    ("汶阳", "Wenyang"),
];

/// Per-domain enterprise name stems `(zh, en)`.
pub(crate) const FIRM_STEM: &[(&str, &str)] = &[
    ("钢铁", "Steel"),
    ("能源", "Energy"),
    ("化工", "Chemical"),
    ("重工机械", "Heavy Machinery"),
    ("新材料", "New Materials"),
    ("检测技术", "Testing Technology"),
    ("农业科技", "Agri-Tech"),
    ("新能源", "New Energy"),
    ("药业", "Pharmaceutical"),
    ("信息技术", "Information Technology"),
    ("纺织", "Textile"),
];

/// Institutions: `(key suffix, zh, en, kind, domain or usize::MAX for general)`.
pub(crate) const INSTITUTIONS: &[(&str, &str, &str, &str, usize)] = &[
    (
        "sdust",
        "山东科技大学",
        "Shandong University of Science and Technology",
        "university",
        1,
    ),
    (
        "sdau",
        "山东农业大学",
        "Shandong Agricultural University",
        "university",
        6,
    ),
    (
        "sdfmu",
        "山东第一医科大学",
        "Shandong First Medical University",
        "university",
        8,
    ),
    (
        "tsu",
        "泰山学院",
        "Taishan University",
        "university",
        usize::MAX,
    ),
    (
        "ustb",
        "北京科技大学",
        "University of Science and Technology Beijing",
        "university",
        0,
    ),
    (
        "cumt",
        "中国矿业大学",
        "China University of Mining and Technology",
        "university",
        1,
    ),
    ("sdu", "山东大学", "Shandong University", "university", 3),
    (
        "qust",
        "青岛科技大学",
        "Qingdao University of Science and Technology",
        "university",
        2,
    ),
    ("dhu", "东华大学", "Donghua University", "university", 10),
    (
        "ncepu",
        "华北电力大学",
        "North China Electric Power University",
        "university",
        7,
    ),
    (
        "cisri",
        "钢铁研究总院",
        "Central Iron and Steel Research Institute",
        "research_institute",
        0,
    ),
    (
        "ccri",
        "煤炭科学研究总院",
        "China Coal Research Institute",
        "research_institute",
        1,
    ),
    (
        "sdas",
        "齐鲁工业大学（山东省科学院）",
        "Qilu University of Technology (Shandong Academy of Sciences)",
        "research_institute",
        usize::MAX,
    ),
    (
        "cbma",
        "中国建筑材料科学研究总院",
        "China Building Materials Academy",
        "research_institute",
        4,
    ),
    (
        "ntm",
        "中国计量科学研究院",
        "National Institute of Metrology",
        "research_institute",
        5,
    ),
    (
        "caas",
        "中国农业科学院",
        "Chinese Academy of Agricultural Sciences",
        "research_institute",
        6,
    ),
    (
        "ict",
        "中国科学院计算技术研究所",
        "Institute of Computing Technology, CAS",
        "research_institute",
        9,
    ),
    (
        "ipe",
        "中国科学院过程工程研究所",
        "Institute of Process Engineering, CAS",
        "research_institute",
        2,
    ),
    (
        "simm",
        "中国科学院上海药物研究所",
        "Shanghai Institute of Materia Medica, CAS",
        "research_institute",
        8,
    ),
    (
        "ta-lab",
        "泰安市新材料重点实验室",
        "Tai'an Key Laboratory of New Materials",
        "lab",
        4,
    ),
];

/// National societies: `(zh, en, domain)`. 68 are generated by cycling with suffixes when
/// more are needed.
pub(crate) const NATIONAL_SOCIETIES: &[(&str, &str, usize)] = &[
    ("中国金属学会", "Chinese Society for Metals", 0),
    ("中国煤炭学会", "China Coal Society", 1),
    (
        "中国化工学会",
        "Chemical Industry and Engineering Society of China",
        2,
    ),
    (
        "中国机械工程学会",
        "Chinese Mechanical Engineering Society",
        3,
    ),
    ("中国材料研究学会", "Chinese Materials Research Society", 4),
    (
        "中国仪器仪表学会",
        "China Instrument and Control Society",
        5,
    ),
    (
        "中国农学会",
        "China Association of Agricultural Science Societies",
        6,
    ),
    ("中国可再生能源学会", "Chinese Renewable Energy Society", 7),
    ("中国药学会", "Chinese Pharmaceutical Association", 8),
    ("中国计算机学会", "China Computer Federation", 9),
    ("中国纺织工程学会", "China Textile Engineering Society", 10),
    ("中国硅酸盐学会", "Chinese Ceramic Society", 4),
    (
        "中国电机工程学会",
        "Chinese Society for Electrical Engineering",
        7,
    ),
    (
        "中国岩石力学与工程学会",
        "Chinese Society for Rock Mechanics and Engineering",
        1,
    ),
    (
        "中国腐蚀与防护学会",
        "Chinese Society for Corrosion and Protection",
        4,
    ),
    (
        "中国无损检测学会",
        "Chinese Society for Non-destructive Testing",
        5,
    ),
    ("中国自动化学会", "Chinese Association of Automation", 9),
    (
        "中国园艺学会",
        "Chinese Society for Horticultural Science",
        6,
    ),
    ("中国有色金属学会", "Nonferrous Metals Society of China", 0),
    (
        "中国人工智能学会",
        "Chinese Association for Artificial Intelligence",
        9,
    ),
    ("中国作物学会", "Crop Science Society of China", 6),
    ("中国化学会", "Chinese Chemical Society", 2),
    ("中国电工技术学会", "China Electrotechnical Society", 7),
    (
        "中国复合材料学会",
        "Chinese Society for Composite Materials",
        4,
    ),
];

/// Society branches used to extend the national list: `(zh, en)` suffixes.
pub(crate) const BRANCHES: &[(&str, &str)] = &[
    ("专业委员会", "technical committee"),
    ("青年工作委员会", "young scientists committee"),
    ("科普工作委员会", "popular science committee"),
];

/// Document title templates `(zh, en)`; `{a}` and `{b}` are terms.
pub(crate) const DOC_TITLES: &[(&str, &str)] = &[
    ("{a}对{b}的影响研究", "Effect of {a} on {b}"),
    (
        "基于{a}的{b}优化方法",
        "An optimisation method for {b} based on {a}",
    ),
    (
        "{a}与{b}的协同控制技术",
        "Coordinated control of {a} and {b}",
    ),
    ("一种{a}装置及{b}方法", "A {a} device and {b} method"),
    ("{a}过程中{b}问题的分析", "Analysis of {b} problems in {a}"),
];

/// Demand templates `(zh, en)`; `{a}`, `{b}` are focus terms, `{c}` a general term, `{f}` the
/// firm's product domain.
pub(crate) const DEMAND_TEMPLATES: &[(&str, &str)] = &[
    (
        "我公司在{f}中{a}存在明显问题，{b}效果不理想，影响{c}，希望寻求专家提供技术解决方案。",
        "In our {f} we have clear problems with {a}, and {b} does not perform well, which affects {c}; we are looking for experts to provide a technical solution.",
    ),
    (
        "企业{f}环节需要攻关{a}难题，同时改进{b}，提升{c}水平，诚邀高校院所合作。",
        "Our {f} needs a breakthrough on {a} and an improvement of {b} to raise {c}; we invite universities and institutes to cooperate.",
    ),
    (
        "目前{a}技术落后，{b}指标达不到要求，急需引进{c}方面的专家团队。",
        "Our {a} technology is outdated and {b} does not meet requirements; we urgently need an expert team in {c}.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Taxonomy;

    #[test]
    fn vocabulary_is_consistent() {
        let tax = Taxonomy::default();
        let mut ids: Vec<&str> = TOPICS.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), TOPICS.len(), "topic ids must be unique");
        for t in TOPICS {
            assert_eq!(t.terms.len(), 5, "{}", t.id);
            assert!(t.domain < DOMAINS.len());
            assert!(tax.industry(t.industry).is_some(), "{}", t.industry);
            for d in t.disciplines {
                assert!(tax.discipline(d).is_some(), "{d}");
            }
            for &(zh, en, vz, ve) in t.terms {
                // a variant must not simply contain (or be contained in) the canonical form,
                // or matching the variant text would be trivial
                assert!(!zh.contains(vz) && !vz.contains(zh), "{zh} / {vz}");
                let (en, ve) = (en.to_lowercase(), ve.to_lowercase());
                assert!(!en.contains(&ve) && !ve.contains(&en), "{en} / {ve}");
            }
        }
        assert_eq!(DOMAINS.len(), FIRM_STEM.len());
    }
}
