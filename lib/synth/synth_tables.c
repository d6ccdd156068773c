/* synth_tables.c - the fixed vocabulary of synthetic works (see synth_tables.h). */
#include "synth/synth_tables.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Field and domain names as OpenAlex spells them. */
#define CS 17, "Computer Science", 3, "Physical Sciences"
#define MATH 26, "Mathematics", 3, "Physical Sciences"
#define PHYS 31, "Physics and Astronomy", 3, "Physical Sciences"
#define CHEM 16, "Chemistry", 3, "Physical Sciences"
#define MAT 25, "Materials Science", 3, "Physical Sciences"
#define ENG 22, "Engineering", 3, "Physical Sciences"
#define BIO 13, "Biochemistry, Genetics and Molecular Biology", 1, "Life Sciences"
#define MED 27, "Medicine", 4, "Health Sciences"
#define NEURO 28, "Neuroscience", 1, "Life Sciences"
#define ECON 20, "Economics, Econometrics and Finance", 2, "Social Sciences"
#define SOC 33, "Social Sciences", 2, "Social Sciences"
#define ENV 23, "Environmental Science", 3, "Physical Sciences"
#define EARTH 19, "Earth and Planetary Sciences", 3, "Physical Sciences"

const struct synth_subfield_info synth_subfields[] = {
    {1702,
     "Artificial Intelligence",
     CS,
     {"Deep Learning Architectures and Optimization", "Neural Models of Natural Language",
      "Reinforcement Learning and Planning"},
     154945302,
     "Artificial intelligence",
     41008148,
     "Computer science",
     "Department of Computer Science",
     {"learning", "neural", "language", "agents", "transformers", "reasoning", "policy",
      "representation"}},
    {1707,
     "Computer Vision and Pattern Recognition",
     CS,
     {"Image Recognition with Convolutional Networks", "3D Scene Reconstruction",
      "Video Understanding and Action Recognition"},
     31972630,
     "Computer vision",
     41008148,
     "Computer science",
     "Department of Computer Science",
     {"image", "segmentation", "detection", "visual", "scene", "video", "depth", "features"}},
    {1705,
     "Computer Networks and Communications",
     CS,
     {"Wireless Network Resource Allocation", "Software-Defined Networking",
      "Security of the Internet of Things"},
     31258907,
     "Computer network",
     41008148,
     "Computer science",
     "Department of Electrical Engineering and Computer Science",
     {"wireless", "network", "routing", "latency", "spectrum", "protocol", "edge", "traffic"}},
    {1712,
     "Software",
     CS,
     {"Software Testing and Verification", "Program Analysis and Repair",
      "Distributed Systems Engineering"},
     115903868,
     "Software engineering",
     41008148,
     "Computer science",
     "School of Computing",
     {"software", "program", "testing", "verification", "compiler", "bugs", "systems", "code"}},
    {2604,
     "Applied Mathematics",
     MATH,
     {"Numerical Methods for Partial Differential Equations",
      "Optimization Algorithms and Convergence", "Stochastic Processes and Applications"},
     28826006,
     "Applied mathematics",
     33923547,
     "Mathematics",
     "Department of Mathematics",
     {"equations", "numerical", "convergence", "stochastic", "operator", "estimates",
      "optimization", "solutions"}},
    {3104,
     "Condensed Matter Physics",
     PHYS,
     {"Topological Materials and Quantum Phases", "Superconductivity in Layered Materials",
      "Magnetic Skyrmions and Spintronics"},
     26873012,
     "Condensed matter physics",
     121332964,
     "Physics",
     "Department of Physics",
     {"topological", "superconducting", "phase", "magnetic", "lattice", "electron", "spin",
      "quantum"}},
    {3103,
     "Astronomy and Astrophysics",
     PHYS,
     {"Exoplanet Detection and Characterization", "Galaxy Formation and Evolution",
      "Gravitational Wave Astronomy"},
     1276947,
     "Astronomy",
     121332964,
     "Physics",
     "Department of Astronomy",
     {"galaxies", "stellar", "exoplanets", "cosmic", "survey", "redshift", "accretion",
      "gravitational"}},
    {3107,
     "Atomic and Molecular Physics, and Optics",
     PHYS,
     {"Quantum Optics and Photonic Devices", "Ultrafast Laser Spectroscopy",
      "Physics of Cold Atoms"},
     120665830,
     "Optics",
     121332964,
     "Physics",
     "Institute of Optics",
     {"photonic", "laser", "optical", "atoms", "ultrafast", "cavity", "entanglement",
      "spectroscopy"}},
    {1605,
     "Organic Chemistry",
     CHEM,
     {"Catalytic C–H Activation", "Asymmetric Synthesis", "Organometallic Catalysis"},
     178790620,
     "Organic chemistry",
     185592680,
     "Chemistry",
     "Department of Chemistry",
     {"synthesis", "catalytic", "ligand", "reaction", "enantioselective", "complexes", "coupling",
      "yield"}},
    {2505,
     "Materials Chemistry",
     MAT,
     {"Perovskite Solar Cell Materials", "Metal–Organic Frameworks",
      "Electrodes for Lithium-Ion Batteries"},
     171250308,
     "Nanotechnology",
     192562407,
     "Materials science",
     "Department of Materials Science and Engineering",
     {"perovskite", "electrode", "nanostructures", "films", "frameworks", "battery", "thermal",
      "composite"}},
    {2208,
     "Electrical and Electronic Engineering",
     ENG,
     {"Power Electronics and Converters", "Integrated Circuit Design", "Smart Grid Control"},
     119599485,
     "Electrical engineering",
     127413603,
     "Engineering",
     "Department of Electrical Engineering",
     {"converter", "circuit", "power", "voltage", "grid", "control", "antenna", "sensor"}},
    {1312,
     "Molecular Biology",
     BIO,
     {"CRISPR Genome Editing", "RNA Regulation and Processing", "Protein Folding and Chaperones"},
     153911025,
     "Molecular biology",
     86803240,
     "Biology",
     "Department of Molecular Biology",
     {"protein", "gene", "expression", "cells", "rna", "regulation", "pathway", "binding"}},
    {1311,
     "Genetics",
     BIO,
     {"Genome-Wide Association Studies", "Population Genetics and Evolution",
      "Epigenetic Regulation"},
     54355233,
     "Genetics",
     86803240,
     "Biology",
     "Department of Genetics",
     {"genome", "variants", "association", "population", "heritability", "methylation", "alleles",
      "sequencing"}},
    {2730,
     "Oncology",
     MED,
     {"Immunotherapy in Solid Tumors", "Outcomes of Breast Cancer Treatment",
      "Cancer Genomics and Biomarkers"},
     143998085,
     "Oncology",
     71924100,
     "Medicine",
     "Department of Oncology",
     {"tumor", "cancer", "patients", "survival", "therapy", "biomarkers", "trial", "metastatic"}},
    {2713,
     "Epidemiology",
     MED,
     {"Cardiovascular Risk Factors", "Infectious Disease Surveillance",
      "Cohort Studies of Chronic Disease"},
     107130276,
     "Epidemiology",
     71924100,
     "Medicine",
     "School of Public Health",
     {"cohort", "risk", "incidence", "mortality", "exposure", "prevalence", "infection",
      "population"}},
    {2805,
     "Cognitive Neuroscience",
     NEURO,
     {"Neural Mechanisms of Memory", "Functional Imaging of Attention",
      "Brain–Computer Interfaces"},
     169900460,
     "Neuroscience",
     86803240,
     "Biology",
     "Institute of Neuroscience",
     {"cortical", "memory", "attention", "neurons", "cognitive", "imaging", "decision", "brain"}},
    {2002,
     "Economics and Econometrics",
     ECON,
     {"Monetary Policy and Inflation", "Labor Market Dynamics",
      "International Trade and Development"},
     175444787,
     "Microeconomics",
     162324750,
     "Economics",
     "Department of Economics",
     {"labor", "trade", "monetary", "prices", "welfare", "firms", "inflation", "wages"}},
    {3312,
     "Sociology and Political Science",
     SOC,
     {"Migration and Integration", "Electoral Behavior", "Social Inequality and Mobility"},
     144024400,
     "Sociology",
     17744445,
     "Political science",
     "Department of Sociology",
     {"migration", "inequality", "voters", "institutions", "policy", "mobility", "survey",
      "welfare"}},
    {2303,
     "Ecology",
     ENV,
     {"Biodiversity and Species Distribution", "Climate Change Impacts on Ecosystems",
      "Marine Ecology"},
     18903297,
     "Ecology",
     86803240,
     "Biology",
     "Department of Ecology and Evolution",
     {"species", "biodiversity", "habitat", "climate", "ecosystem", "populations", "marine",
      "forest"}},
    {1902,
     "Atmospheric Science",
     EARTH,
     {"Climate Modeling and Projections", "Aerosol–Cloud Interactions", "Atmospheric Chemistry"},
     91586092,
     "Atmospheric sciences",
     127313418,
     "Geology",
     "Department of Atmospheric Science",
     {"aerosol", "precipitation", "climate", "ozone", "circulation", "clouds", "emissions",
      "reanalysis"}},
};
const size_t synth_n_subfields = COUNT(synth_subfields);

int synth_subfield_index(unsigned id)
{
    for (size_t i = 0; i < synth_n_subfields; i++)
        if (synth_subfields[i].id == id)
            return (int)i;
    return -1;
}

static const struct synth_name_pool pool_chinese = {
    {"Wei", "Jing", "Li", "Min", "Hao", "Yan", "Xin", "Jun", "Lei", "Ying", "Tao", "Fang"},
    {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"}};
static const struct synth_name_pool pool_japanese = {
    {"Haruto", "Yui", "Sota", "Aoi", "Takumi", "Yuki", "Kenji", "Sakura", "Hiroshi", "Naoko",
     "Daiki", "Emi"},
    {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
     "Kobayashi", "Kato", "Yoshida", "Yamada"}};
static const struct synth_name_pool pool_korean = {
    {"Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyun", "Soojin", "Dongwook", "Eunji", "Sungmin", "Yuna",
     "Jaehyun", "Hana"},
    {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin"}};
static const struct synth_name_pool pool_indian = {
    {"Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rohan", "Meera",
     "Sanjay", "Divya"},
    {"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Rao", "Das", "Mehta",
     "Joshi"}};
static const struct synth_name_pool pool_german = {
    {"Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Maximilian", "Sophie", "Jürgen",
     "Katharina", "Tobias", "Lena"},
    {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
     "Hoffmann", "Schäfer", "Koch"}};
static const struct synth_name_pool pool_french = {
    {"Louis", "Camille", "Hugo", "Léa", "Julien", "Chloé", "Antoine", "Manon", "Théo", "Élise",
     "Mathieu", "Inès"},
    {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
     "Moreau", "Lefèvre", "Girard"}};
static const struct synth_name_pool pool_italian = {
    {"Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Lorenzo",
     "Elena", "Davide", "Martina"},
    {"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
     "Greco", "Bruno", "Gallo"}};
static const struct synth_name_pool pool_iberian = {
    {"Pablo", "Lucía", "Javier", "María", "Carlos", "Ana", "João", "Beatriz", "Diego", "Camila",
     "Rafael", "Inês"},
    {"García", "Fernández", "González", "Rodríguez", "Martínez", "López", "Silva", "Santos",
     "Oliveira", "Pereira", "Gonçalves", "Costa"}};
static const struct synth_name_pool pool_northern = {
    {"Lars", "Emma", "Søren", "Freya", "Erik", "Ingrid", "Daan", "Sanne", "Björn", "Astrid",
     "Pieter", "Liv"},
    {"Jensen", "Nielsen", "Hansen", "Andersson", "Johansson", "Karlsson", "de Vries", "van Dijk",
     "Bakker", "Janssens", "Lindqvist", "Berg"}};
static const struct synth_name_pool pool_slavic = {
    {"Dmitry", "Anna", "Sergei", "Olga", "Alexei", "Natalia", "Piotr", "Katarzyna", "Ivan", "Elena",
     "Tomasz", "Marta"},
    {"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Nowak", "Kowalski", "Wiśniewski",
     "Sokolov", "Lebedev", "Kozlov", "Zieliński"}};
static const struct synth_name_pool pool_english = {
    {"James", "Emily", "Michael", "Sarah", "David", "Jessica", "Daniel", "Laura", "Matthew",
     "Rachel", "Andrew", "Hannah"},
    {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
     "Anderson", "Thomas", "Clark"}};

struct pool_of_country {
    char code[3];
    const struct synth_name_pool *pool;
};

static const struct pool_of_country pool_map[] = {
    {"CN", &pool_chinese},  {"TW", &pool_chinese},  {"HK", &pool_chinese},  {"SG", &pool_chinese},
    {"JP", &pool_japanese}, {"KR", &pool_korean},   {"IN", &pool_indian},   {"DE", &pool_german},
    {"AT", &pool_german},   {"CH", &pool_german},   {"FR", &pool_french},   {"BE", &pool_french},
    {"IT", &pool_italian},  {"ES", &pool_iberian},  {"PT", &pool_iberian},  {"BR", &pool_iberian},
    {"MX", &pool_iberian},  {"AR", &pool_iberian},  {"CL", &pool_iberian},  {"CO", &pool_iberian},
    {"NL", &pool_northern}, {"SE", &pool_northern}, {"DK", &pool_northern}, {"NO", &pool_northern},
    {"FI", &pool_northern}, {"IS", &pool_northern}, {"RU", &pool_slavic},   {"PL", &pool_slavic},
    {"UA", &pool_slavic},   {"CZ", &pool_slavic},
};

const struct synth_name_pool *synth_names_for(tf_country c)
{
    for (size_t i = 0; i < COUNT(pool_map); i++)
        if (TF_COUNTRY(pool_map[i].code[0], pool_map[i].code[1]) == c)
            return pool_map[i].pool;
    return &pool_english;
}

const char *const synth_adjectives[] = {
    "Robust",      "Scalable", "Efficient",   "Adaptive",      "Unified",    "Probabilistic",
    "Data-driven", "Low-cost", "Multi-scale", "Interpretable", "Systematic", "Comparative",
    "Large-scale", "Fast",     "Accurate",    "Hierarchical",
};
const size_t synth_n_adjectives = COUNT(synth_adjectives);

const char *const synth_methods[] = {
    "approach",   "framework", "analysis", "model",     "method",      "study",
    "estimation", "evidence",  "design",   "benchmark", "perspective", "review",
};
const size_t synth_n_methods = COUNT(synth_methods);

const char *const synth_common[] = {
    "we",          "the",      "of",          "and",      "in",          "a",       "to",
    "for",         "with",     "results",     "show",     "that",        "this",    "paper",
    "propose",     "new",      "based",       "on",       "data",        "using",   "our",
    "method",      "study",    "analysis",    "model",    "across",      "which",   "are",
    "is",          "by",       "from",        "these",    "findings",    "suggest", "between",
    "two",         "three",    "significant", "effects",  "here",        "observe", "under",
    "compared",    "previous", "work",        "improves", "performance", "large",   "experiments",
    "demonstrate", "both",     "framework",   "its",      "high",        "low",     "provide",
};
const size_t synth_n_common = COUNT(synth_common);

const char *const synth_syllables[] = {
    "Val", "Kes", "Mor", "Lin", "Ast", "Bre", "Cor", "Dun", "El",  "Fal",  "Gar",
    "Hal", "Is",  "Jor", "Kal", "Lor", "Mar", "Nor", "Os",  "Pel", "Quin", "Ros",
    "Sal", "Tor", "Ul",  "Ven", "Wes", "Yar", "Zel", "Ber", "Car", "Dor",
};
const size_t synth_n_syllables = COUNT(synth_syllables);

const char *const synth_city_ends[] = {
    "ora", "burg", "ton", "ville", "stad", "ia", "field", "hagen", "polis", "mont", "ena", "wick",
};
const size_t synth_n_city_ends = COUNT(synth_city_ends);

const struct synth_inst_pattern synth_inst_patterns[] = {
    {"University of ", "", "education"},
    {"", " University", "education"},
    {"", " Institute of Technology", "education"},
    {"", " State University", "education"},
    {"Technical University of ", "", "education"},
    {"", " Medical University", "education"},
    {"", " University Hospital", "healthcare"},
    {"National Research Center ", "", "facility"},
    {"", " Institute for Advanced Study", "facility"},
    {"", " Laboratory", "facility"},
    {"", " Polytechnic", "education"},
    {"", " Research Labs", "company"},
};
const size_t synth_n_inst_patterns = COUNT(synth_inst_patterns);

const struct synth_venue_pattern synth_venue_patterns[] = {
    {"Journal of ", "", "journal"},
    {"", " Letters", "journal"},
    {"International Conference on ", "", "conference"},
    {"Annals of ", "", "journal"},
    {"", " Reviews", "journal"},
    {"Transactions on ", "", "journal"},
    {"Workshop on ", "", "conference"},
    {"Frontiers in ", "", "journal"},
};
const size_t synth_n_venue_patterns = COUNT(synth_venue_patterns);
