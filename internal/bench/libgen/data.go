package libgen

// Word and name pools for the generator. Every pool is a slice (never a map
// that is iterated), so that output depends only on the seed.
//
// Values are BibTeX source text: LaTeX accents are written the way people
// write them in .bib files ({\"u}, {\c{c}}, \'{E}), and every value is
// brace-balanced and free of '@' (an '@' outside an entry starts an item).

// lastName is a family name as written in a .bib file. key is the ASCII form
// used in citation keys when folding the written form would lose it (CJK).
type lastName struct {
	s   string
	key string
	von string // "van der", "de la", ... written before the last name
	cjk bool   // paired with a CJK given name, written "Last, First"
}

var lastNames = []lastName{
	{s: "Smith"}, {s: "Johnson"}, {s: "Williams"}, {s: "Brown"}, {s: "Jones"},
	{s: "Garc{\\'\\i}a"}, {s: "García"}, {s: "Miller"}, {s: "Davis"},
	{s: "Rodr{\\'\\i}guez"}, {s: "Martinez"}, {s: "Wilson"}, {s: "Anderson"},
	{s: "Taylor"}, {s: "Thomas"}, {s: "Moore"}, {s: "Jackson"}, {s: "Martin"},
	{s: "Lee"}, {s: "Thompson"}, {s: "White"}, {s: "Harris"}, {s: "Clark"},
	{s: "Lewis"}, {s: "Robinson"}, {s: "Walker"}, {s: "Young"}, {s: "Allen"},
	{s: "King"}, {s: "Wright"}, {s: "Scott"}, {s: "Hill"}, {s: "Green"},
	{s: "Adams"}, {s: "Baker"}, {s: "Nelson"}, {s: "Carter"}, {s: "Mitchell"},
	{s: "Roberts"}, {s: "Turner"}, {s: "Phillips"}, {s: "Campbell"},
	{s: "Parker"}, {s: "Evans"}, {s: "Edwards"}, {s: "Collins"}, {s: "Stewart"},
	{s: "Morris"}, {s: "Murphy"}, {s: "Cook"}, {s: "Rogers"}, {s: "Morgan"},
	{s: "Cooper"}, {s: "Peterson"}, {s: "Kim"}, {s: "Park"}, {s: "Chen"},
	{s: "Li"}, {s: "Zhang"}, {s: "Liu"}, {s: "Yang"}, {s: "Huang"}, {s: "Zhao"},
	{s: "Wu"}, {s: "Zhou"}, {s: "Xu"}, {s: "Sun"}, {s: "Ma"}, {s: "Zhu"},
	{s: "Hu"}, {s: "Guo"}, {s: "He"}, {s: "Lin"}, {s: "Wang"}, {s: "Nguyen"},
	{s: "Tran"}, {s: "Le"}, {s: "Kumar"}, {s: "Singh"}, {s: "Sharma"},
	{s: "Patel"}, {s: "Gupta"}, {s: "Das"}, {s: "Suzuki"}, {s: "Tanaka"},
	{s: "Watanabe"}, {s: "Ito"}, {s: "Yamamoto"}, {s: "Nakamura"},
	{s: "Kobayashi"}, {s: "Sato"}, {s: "Takahashi"}, {s: "Ivanov"},
	{s: "Smirnov"}, {s: "Kuznetsov"}, {s: "Popov"}, {s: "Petrov"},
	{s: "Kowalski"}, {s: "Nowak"}, {s: "Wi{\\'s}niewski"}, {s: "Schmidt"},
	{s: "Schneider"}, {s: "Fischer"}, {s: "Weber"}, {s: "Meyer"}, {s: "Wagner"},
	{s: "Becker"}, {s: "Schulz"}, {s: "Hoffmann"}, {s: "M{\\\"u}ller"},
	{s: "Müller"}, {s: "M\\\"{u}ller"}, {s: "Sch{\\\"o}lkopf"}, {s: "G{\\\"o}del"},
	{s: "Erd{\\H{o}}s"}, {s: "Dupont"}, {s: "Dubois"}, {s: "Lef{\\`e}vre"},
	{s: "Lefèvre"}, {s: "Moreau"}, {s: "Rossi"}, {s: "Russo"}, {s: "Ferrari"},
	{s: "Bianchi"}, {s: "Romano"}, {s: "Silva"}, {s: "Santos"}, {s: "Oliveira"},
	{s: "Souza"}, {s: "Pereira"}, {s: "Costa"}, {s: "Jensen"}, {s: "Nielsen"},
	{s: "Hansen"}, {s: "Johansson"}, {s: "Andersson"}, {s: "Karlsson"},
	{s: "Nilsson"}, {s: "Virtanen"}, {s: "Korhonen"}, {s: "Öztürk"},
	{s: "Y{\\i}lmaz"}, {s: "Kaya"}, {s: "Cohen"}, {s: "Levi"}, {s: "Friedman"},
	{s: "O'Brien"}, {s: "O'Connor"}, {s: "MacDonald"}, {s: "Łukasiewicz"},
	{s: "Dvo{\\v{r}}{\\'a}k"}, {s: "Horv{\\'a}th"}, {s: "Søgaard"},
	{s: "Ng"}, {s: "Bengio"}, {s: "Hinton"}, {s: "Knuth"}, {s: "Lamport"},
	{s: "Dijk", von: "van"}, {s: "Berg", von: "van der"}, {s: "Vries", von: "de"},
	{s: "Neumann", von: "von"}, {s: "Cruz", von: "de la"}, {s: "Oord", von: "van den"},
	{s: "Stefano", von: "di"}, {s: "Silva", von: "da"}, {s: "Rossum", von: "van"},
	{s: "Luxburg", von: "von"}, {s: "Maaten", von: "van der"}, {s: "Santos", von: "dos"},
	{s: "王", key: "wang", cjk: true}, {s: "李", key: "li", cjk: true},
	{s: "张", key: "zhang", cjk: true}, {s: "刘", key: "liu", cjk: true},
	{s: "陈", key: "chen", cjk: true}, {s: "田中", key: "tanaka", cjk: true},
	{s: "김", key: "kim", cjk: true},
}

var firstNames = []string{
	"John", "James", "Robert", "Michael", "William", "David", "Richard",
	"Joseph", "Thomas", "Charles", "Mary", "Patricia", "Jennifer", "Linda",
	"Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Wei", "Jing",
	"Li", "Hui", "Yang", "Xin", "Min", "Hiroshi", "Yuki", "Takeshi", "Akira",
	"Raj", "Priya", "Amit", "Anil", "Sanjay", "Ahmed", "Mohammed", "Fatima",
	"Ali", "Omar", "Olga", "Dmitri", "Sergey", "Ivan", "Anna", "Maria",
	"Jos{\\'e}", "José", "Juan", "Carlos", "Luis", "Ana", "Sofía", "Pierre",
	"Jean", "Marie", "Jean-Pierre", "Hans-Peter", "Fran{\\c{c}}ois",
	"François", "\\'{E}mile", "{\\'E}milie", "Ren{\\'e}", "J{\\\"o}rg", "Jürgen",
	"J{\\\"u}rgen", "Klaus", "Hans", "Stefan", "Zoë", "Zo{\\\"e}", "Łukasz",
	"{\\L}ukasz", "Søren", "S{\\o}ren", "Björn", "Nils", "Lars", "Ingrid",
	"Giulia", "Marco", "Luca", "Matteo", "Francesca", "João", "Jo{\\~a}o",
	"Ngoc", "Minh", "Seung-Hoon", "Ji-Woo", "Yoshua", "Geoffrey", "Ada",
	"Grace", "Alan", "Emmy", "Leslie", "Donald", "Barbara", "Noam", "Yann",
	"Andrew", "Fei-Fei", "Daphne", "Judea", "Shafi", "Silvio", "Tim",
}

var cjkFirstNames = []string{"伟", "芳", "娜", "敏", "静", "太郎", "민준", "秀英"}

var corporateAuthors = []string{
	"{IEEE Standards Association}", "{The Gene Ontology Consortium}",
	"{ATLAS Collaboration}", "{CMS Collaboration}",
	"{World Health Organization}", "{LIGO Scientific Collaboration and Virgo Collaboration}",
	"{The {C}OVID-19 Genomics {UK} ({COG-UK}) Consortium}", "{R Core Team}",
	"{OpenAI}", "{National Institute of Standards and Technology}",
	"{Planck Collaboration}", "{The Unicode Consortium}",
}

var suffixes = []string{"Jr.", "Jr", "III", "II"}

// journal is a journal with its @string macro. When prefix is set, the macro
// is defined by concatenation: @string{macro = prefix # "rest"}.
type journal struct {
	macro, name   string
	prefix, rest  string
	publisher     string
	dblp          string
	hasArticleNos bool
}

var stringPrefixes = []struct{ macro, text string }{
	{"ieeetrans", "IEEE Transactions on "},
	{"acmtrans", "ACM Transactions on "},
}

var journals = []journal{
	{macro: "jmlr", name: "Journal of Machine Learning Research", publisher: "JMLR.org", dblp: "jmlr"},
	{macro: "tpami", prefix: "ieeetrans", rest: "Pattern Analysis and Machine Intelligence", publisher: "IEEE", dblp: "pami"},
	{macro: "tit", prefix: "ieeetrans", rest: "Information Theory", publisher: "IEEE", dblp: "tit"},
	{macro: "tsp", prefix: "ieeetrans", rest: "Signal Processing", publisher: "IEEE", dblp: "tsp"},
	{macro: "tac", prefix: "ieeetrans", rest: "Automatic Control", publisher: "IEEE", dblp: "tac"},
	{macro: "tkde", prefix: "ieeetrans", rest: "Knowledge and Data Engineering", publisher: "IEEE", dblp: "tkde"},
	{macro: "tse", prefix: "ieeetrans", rest: "Software Engineering", publisher: "IEEE", dblp: "tse"},
	{macro: "tods", prefix: "acmtrans", rest: "Database Systems", publisher: "ACM", dblp: "tods"},
	{macro: "toplas", prefix: "acmtrans", rest: "Programming Languages and Systems", publisher: "ACM", dblp: "toplas"},
	{macro: "tog", prefix: "acmtrans", rest: "Graphics", publisher: "ACM", dblp: "tog"},
	{macro: "cacm", name: "Communications of the {ACM}", publisher: "ACM", dblp: "cacm"},
	{macro: "jacm", name: "Journal of the {ACM}", publisher: "ACM", dblp: "jacm"},
	{macro: "csur", name: "{ACM} Computing Surveys", publisher: "ACM", dblp: "csur"},
	{macro: "nature", name: "Nature", publisher: "Nature Publishing Group", dblp: "nature"},
	{macro: "science", name: "Science", publisher: "American Association for the Advancement of Science", dblp: "science"},
	{macro: "pnas", name: "Proceedings of the National Academy of Sciences", publisher: "National Academy of Sciences", dblp: "pnas"},
	{macro: "prl", name: "Physical Review Letters", publisher: "American Physical Society", dblp: "prl", hasArticleNos: true},
	{macro: "prb", name: "Physical Review B", publisher: "American Physical Society", dblp: "prb", hasArticleNos: true},
	{macro: "prd", name: "Physical Review D", publisher: "American Physical Society", dblp: "prd", hasArticleNos: true},
	{macro: "rmp", name: "Reviews of Modern Physics", publisher: "American Physical Society", dblp: "rmp"},
	{macro: "jcp", name: "The Journal of Chemical Physics", publisher: "AIP Publishing", dblp: "jcp"},
	{macro: "jacs", name: "Journal of the American Chemical Society", publisher: "ACS Publications", dblp: "jacs"},
	{macro: "cell", name: "Cell", publisher: "Elsevier", dblp: "cell"},
	{macro: "nar", name: "Nucleic Acids Research", publisher: "Oxford University Press", dblp: "nar"},
	{macro: "bioinformatics", name: "Bioinformatics", publisher: "Oxford University Press", dblp: "bioinformatics"},
	{macro: "plosone", name: "{PLoS} {ONE}", publisher: "Public Library of Science", dblp: "plosone", hasArticleNos: true},
	{macro: "ploscb", name: "{PLoS} Computational Biology", publisher: "Public Library of Science", dblp: "ploscb", hasArticleNos: true},
	{macro: "natmeth", name: "Nature Methods", publisher: "Nature Publishing Group", dblp: "natmeth"},
	{macro: "nejm", name: "New England Journal of Medicine", publisher: "Massachusetts Medical Society", dblp: "nejm"},
	{macro: "lancet", name: "The Lancet", publisher: "Elsevier", dblp: "lancet"},
	{macro: "bmj", name: "{BMJ}", publisher: "British Medical Journal Publishing Group", dblp: "bmj"},
	{macro: "neuron", name: "Neuron", publisher: "Elsevier", dblp: "neuron"},
	{macro: "neurocomputing", name: "Neurocomputing", publisher: "Elsevier", dblp: "ijon"},
	{macro: "mlj", name: "Machine Learning", publisher: "Springer", dblp: "ml"},
	{macro: "aij", name: "Artificial Intelligence", publisher: "Elsevier", dblp: "ai"},
	{macro: "jair", name: "Journal of Artificial Intelligence Research", publisher: "AI Access Foundation", dblp: "jair"},
	{macro: "ijcv", name: "International Journal of Computer Vision", publisher: "Springer", dblp: "ijcv"},
	{macro: "siamrev", name: "{SIAM} Review", publisher: "SIAM", dblp: "siamrev"},
	{macro: "sicomp", name: "{SIAM} Journal on Computing", publisher: "SIAM", dblp: "siamcomp"},
	{macro: "mathprog", name: "Mathematical Programming", publisher: "Springer", dblp: "mp"},
	{macro: "annstat", name: "The Annals of Statistics", publisher: "Institute of Mathematical Statistics", dblp: "annstat"},
	{macro: "jasa", name: "Journal of the American Statistical Association", publisher: "Taylor \\& Francis", dblp: "jasa"},
	{macro: "jrssb", name: "Journal of the Royal Statistical Society: Series {B} (Statistical Methodology)", publisher: "Wiley", dblp: "jrssb"},
	{macro: "econometrica", name: "Econometrica", publisher: "Wiley", dblp: "econometrica"},
	{macro: "apj", name: "The Astrophysical Journal", publisher: "IOP Publishing", dblp: "apj"},
	{macro: "mnras", name: "Monthly Notices of the Royal Astronomical Society", publisher: "Oxford University Press", dblp: "mnras"},
	{macro: "aanda", name: "Astronomy \\& Astrophysics", publisher: "EDP Sciences", dblp: "aanda", hasArticleNos: true},
	{macro: "crmath", name: "Comptes Rendus Math{\\'e}matique", publisher: "Elsevier", dblp: "crmath"},
	{macro: "zphys", name: "Zeitschrift f{\\\"u}r Physik", publisher: "Springer", dblp: "zphys"},
	{macro: "tcs", name: "Theoretical Computer Science", publisher: "Elsevier", dblp: "tcs"},
	{macro: "pvldb", name: "Proceedings of the {VLDB} Endowment", publisher: "VLDB Endowment", dblp: "pvldb"},
}

// undefinedMacros are plausible journal/publisher macros that the generated
// library never defines (malformed kind "undefined-macro").
var undefinedMacros = []string{"jcompphys", "procieee", "springerverlag", "lncs", "ieeeaccess", "natcomm", "jtheorbiol"}

type conference struct {
	abbr, name, publisher, address string
	series                         string
}

var conferences = []conference{
	{"ICML", "International Conference on Machine Learning", "PMLR", "", "Proceedings of Machine Learning Research"},
	{"NeurIPS", "Advances in Neural Information Processing Systems", "Curran Associates, Inc.", "", ""},
	{"ICLR", "International Conference on Learning Representations", "OpenReview.net", "", ""},
	{"CVPR", "{IEEE/CVF} Conference on Computer Vision and Pattern Recognition", "IEEE", "Los Alamitos, CA, USA", ""},
	{"ICCV", "{IEEE/CVF} International Conference on Computer Vision", "IEEE", "", ""},
	{"ECCV", "European Conference on Computer Vision", "Springer International Publishing", "Cham", "Lecture Notes in Computer Science"},
	{"ACL", "Annual Meeting of the Association for Computational Linguistics", "Association for Computational Linguistics", "Stroudsburg, PA, USA", ""},
	{"EMNLP", "Conference on Empirical Methods in Natural Language Processing", "Association for Computational Linguistics", "", ""},
	{"SIGMOD", "{ACM} {SIGMOD} International Conference on Management of Data", "ACM", "New York, NY, USA", ""},
	{"VLDB", "International Conference on Very Large Data Bases", "VLDB Endowment", "", ""},
	{"STOC", "{ACM} Symposium on Theory of Computing", "ACM", "New York, NY, USA", ""},
	{"FOCS", "{IEEE} Symposium on Foundations of Computer Science", "IEEE Computer Society", "", ""},
	{"SODA", "{ACM-SIAM} Symposium on Discrete Algorithms", "SIAM", "Philadelphia, PA, USA", ""},
	{"OSDI", "{USENIX} Symposium on Operating Systems Design and Implementation", "USENIX Association", "Berkeley, CA, USA", ""},
	{"SOSP", "{ACM} Symposium on Operating Systems Principles", "ACM", "New York, NY, USA", ""},
	{"NSDI", "{USENIX} Symposium on Networked Systems Design and Implementation", "USENIX Association", "", ""},
	{"SIGCOMM", "Conference of the {ACM} Special Interest Group on Data Communication", "ACM", "New York, NY, USA", ""},
	{"CHI", "{CHI} Conference on Human Factors in Computing Systems", "ACM", "New York, NY, USA", ""},
	{"KDD", "{ACM} {SIGKDD} International Conference on Knowledge Discovery \\& Data Mining", "ACM", "New York, NY, USA", ""},
	{"ICSE", "International Conference on Software Engineering", "IEEE Press", "Piscataway, NJ, USA", ""},
	{"PLDI", "{ACM} {SIGPLAN} Conference on Programming Language Design and Implementation", "ACM", "New York, NY, USA", ""},
	{"POPL", "{ACM} {SIGPLAN} Symposium on Principles of Programming Languages", "ACM", "New York, NY, USA", ""},
	{"CAV", "International Conference on Computer Aided Verification", "Springer", "Berlin, Heidelberg", "Lecture Notes in Computer Science"},
	{"ICRA", "{IEEE} International Conference on Robotics and Automation", "IEEE", "", ""},
	{"IROS", "{IEEE/RSJ} International Conference on Intelligent Robots and Systems", "IEEE", "", ""},
	{"AAAI", "{AAAI} Conference on Artificial Intelligence", "AAAI Press", "Palo Alto, CA, USA", ""},
	{"IJCAI", "International Joint Conference on Artificial Intelligence", "IJCAI Organization", "", ""},
	{"ISMB", "International Conference on Intelligent Systems for Molecular Biology", "Oxford University Press", "", ""},
	{"RECOMB", "International Conference on Research in Computational Molecular Biology", "Springer", "Cham", "Lecture Notes in Computer Science"},
	{"CCS", "{ACM} {SIGSAC} Conference on Computer and Communications Security", "ACM", "New York, NY, USA", ""},
	{"USENIX Security", "{USENIX} Security Symposium", "USENIX Association", "", ""},
	{"ICASSP", "{IEEE} International Conference on Acoustics, Speech and Signal Processing", "IEEE", "", ""},
	{"SIGGRAPH", "Annual Conference on Computer Graphics and Interactive Techniques", "ACM", "New York, NY, USA", ""},
	{"WWW", "The Web Conference", "ACM", "New York, NY, USA", ""},
}

var conferenceCities = []string{
	"Long Beach, CA, USA", "Vancouver, Canada", "Montr{\\'e}al, Canada",
	"Stockholm, Sweden", "Z{\\\"u}rich, Switzerland", "Kyoto, Japan",
	"Barcelona, Spain", "New Orleans, LA, USA", "Seoul, Republic of Korea",
	"Virtual Event", "Online", "Honolulu, HI, USA", "Lisbon, Portugal",
	"S{\\~a}o Paulo, Brazil", "Melbourne, Australia", "Beijing, China",
	"Kraków, Poland", "Reykjavík, Iceland", "Tel Aviv, Israel",
}

var publishers = []struct{ name, address string }{
	{"Springer", "Berlin, Heidelberg"}, {"Springer-Verlag", "New York"},
	{"Elsevier", "Amsterdam"}, {"{IEEE}", "Piscataway, NJ"},
	{"Association for Computing Machinery", "New York, NY, USA"},
	{"{MIT} Press", "Cambridge, MA"}, {"Cambridge University Press", "Cambridge, UK"},
	{"Oxford University Press", "Oxford"}, {"Wiley", "Hoboken, NJ"},
	{"John Wiley \\& Sons", "New York"}, {"O'Reilly Media", "Sebastopol, CA"},
	{"{CRC} Press", "Boca Raton, FL"}, {"World Scientific", "Singapore"},
	{"Princeton University Press", "Princeton, NJ"}, {"Addison-Wesley", "Reading, MA"},
	{"Prentice Hall", "Upper Saddle River, NJ"}, {"Morgan Kaufmann", "San Francisco, CA"},
	{"North-Holland", "Amsterdam"}, {"Birkh{\\\"a}user", "Basel"},
	{"Gauthier-Villars", "Paris"}, {"Now Publishers", "Hanover, MA"},
}

var schools = []string{
	"Stanford University", "Massachusetts Institute of Technology",
	"ETH Z{\\\"u}rich", "Universit{\\'e} Paris-Saclay", "University of Tokyo",
	"Tsinghua University", "Technische Universit{\\\"a}t M{\\\"u}nchen",
	"University of Cambridge", "University of Oxford", "Carnegie Mellon University",
	"University of California, Berkeley", "{\\'E}cole Polytechnique F{\\'e}d{\\'e}rale de Lausanne",
	"Universidade de São Paulo", "University of Toronto", "Uniwersytet Warszawski",
	"Indian Institute of Science", "KTH Royal Institute of Technology",
	"Max-Planck-Institut f{\\\"u}r Informatik",
}

var institutions = []struct{ name, prefix string }{
	{"Microsoft Research", "MSR-TR"}, {"Bell Laboratories", "BL"},
	{"{NASA} Ames Research Center", "NASA-TM"}, {"{CERN}", "CERN-TH"},
	{"Carnegie Mellon University", "CMU-CS"}, {"Stanford University", "STAN-CS"},
	{"University of California, Berkeley", "UCB/EECS"}, {"Xerox {PARC}", "CSL"},
	{"Los Alamos National Laboratory", "LA-UR"}, {"{IBM} Research", "RC"},
	{"Digital Equipment Corporation, Systems Research Center", "SRC"},
	{"Max-Planck-Institut f{\\\"u}r Informatik", "MPI-I"},
}

var adjectives = []string{
	"Deep", "Efficient", "Scalable", "Robust", "Adaptive", "Sparse",
	"Distributed", "Probabilistic", "Unsupervised", "Semi-Supervised",
	"Self-Supervised", "Federated", "Interpretable", "Differentiable",
	"Stochastic", "Convex", "Nonlinear", "Hierarchical", "Generative",
	"Contrastive", "Neural", "Quantum", "Approximate", "Optimal", "Fast",
	"Parallel", "Incremental", "Causal", "Variational", "Multi-Scale",
	"Low-Rank", "High-Dimensional", "Fault-Tolerant", "Energy-Efficient",
	"Real-Time", "Lightweight", "Secure", "Privacy-Preserving", "Temporal",
	"Spatial", "Structured", "Dynamic", "Online", "Asynchronous", "Randomized",
	"Explainable", "Equivariant", "Topological", "Single-Cell", "Genome-Wide",
	"Longitudinal", "Clinical", "Molecular", "Superconducting", "Anomalous",
	"Multimodal", "Few-Shot", "Zero-Shot", "Continual", "Certified",
}

var properAdjectives = []string{
	"{B}ayesian", "{Bayesian}", "{M}arkov", "{Gaussian}", "{Monte Carlo}",
	"{Hamiltonian}", "{Riemannian}", "{Wasserstein}", "{Newton}-Type",
	"{Euler}ian", "{Lagrangian}", "{Fourier}", "{Hilbert}",
	"{Schr{\\\"o}dinger}", "{Boltzmann}", "{Dirichlet}", "{Kalman}", "{Nash}",
	"{Erd{\\H{o}}s--R{\\'e}nyi}", "{L{\\'e}vy}", "{Poincar{\\'e}}",
}

var nouns = []string{
	"Learning", "Networks", "Representations", "Optimization", "Inference",
	"Estimation", "Graph Neural Networks", "Transformers", "Language Models",
	"Reinforcement Learning", "Gradient Descent", "Matrix Factorization",
	"Compressed Sensing", "Kernel Methods", "Decision Trees",
	"Object Detection", "Image Segmentation", "Speech Recognition",
	"Machine Translation", "Question Answering", "Program Synthesis",
	"Type Inference", "Garbage Collection", "Consensus Protocols",
	"Key-Value Stores", "Query Processing", "Index Structures",
	"Cache Coherence", "Memory Allocation", "Scheduling", "Load Balancing",
	"Model Checking", "Theorem Proving", "Symbolic Execution",
	"Static Analysis", "Fuzz Testing", "Gene Expression", "Protein Folding",
	"Sequence Alignment", "Variant Calling", "Cell Differentiation",
	"Immune Responses", "Tumor Heterogeneity", "Drug Discovery",
	"Clinical Trials", "Dark Matter", "Gravitational Waves",
	"Phase Transitions", "Spin Glasses", "Topological Insulators",
	"Galaxy Formation", "Climate Models", "Ocean Circulation", "Asset Pricing",
	"Monetary Policy", "Labor Markets", "Auction Design", "Mechanism Design",
	"Social Networks", "Recommender Systems", "Time Series",
	"Anomaly Detection", "Point Clouds", "Robot Manipulation",
	"Motion Planning", "Sensor Fusion", "Error-Correcting Codes",
	"Channel Estimation", "Wireless Networks", "Congestion Control", "Routing",
	"Cryptographic Protocols", "Zero-Knowledge Proofs",
	"Homomorphic Encryption", "Differential Equations", "Random Walks",
	"Embeddings", "Attention Mechanisms", "Diffusion Models", "Active Learning",
	"Domain Adaptation", "Causal Discovery", "Survival Analysis",
	"Hypothesis Testing", "Sampling", "Clustering", "Dimensionality Reduction",
}

var abstractNouns = []string{
	"Convergence", "Complexity", "Expressivity", "Stability", "Robustness",
	"Generalization", "Hardness", "Limits", "Role", "Impact", "Benefits",
	"Price", "Identifiability", "Consistency", "Sample Complexity",
}

var artifacts = []string{"Framework", "System", "Approach", "Method", "Benchmark", "Library", "Toolkit", "Algorithm", "Architecture", "Dataset"}

var domains = []string{
	"for Medical Imaging", "in Healthcare", "for Autonomous Driving",
	"on Edge Devices", "in the Wild", "at Scale", "for Low-Resource Languages",
	"in Distributed Systems", "for Genomics", "in Particle Physics",
	"for Climate Science", "in Financial Markets", "under Uncertainty",
	"with Limited Supervision", "on {GPU}s", "in {5G} Networks",
	"for {IoT} Devices", "in Cloud Data Centers", "for Single-Cell {RNA} Sequencing",
	"in Developing Countries", "for Scientific Discovery",
}

var acronyms = []string{
	"{GPU}", "{BERT}", "{GAN}", "{LSTM}", "{CNN}", "{RNA}", "{DNA}", "{CRISPR}",
	"{MRI}", "{LHC}", "{SAT}", "{SQL}", "{NoSQL}", "{RDMA}", "{FPGA}", "{TCP}",
	"{HPC}", "{COVID-19}", "{LiDAR}", "{ImageNet}", "{PageRank}", "{MapReduce}",
	"{Python}", "{Linux}", "{ResNet}", "{GPT}", "{X}-ray", "{ChIP-seq}",
}

var systemNames = []string{
	"{FlashAttention}", "{DeepSeq}", "{GraphSAGE}", "{TensorFlow}", "{Spark}",
	"{Raft}", "{Paxos}", "{Zeus}", "{Orion}", "{Hermes}", "{Atlas}", "{Nova}",
	"{BLAST}", "{AlphaFold}", "{CLIP}", "{Sparrow}", "{Tempo}", "{Kite}",
	"{Borg}", "{Dremel}", "{Chord}", "{Pastry}", "{SimCLR}", "{WaveNet}",
}

var mathPhrases = []string{
	"in $O(n \\log n)$ Time", "with $\\ell_1$ Regularization",
	"via $k$-Means Clustering", "under $\\epsilon$-Differential Privacy",
	"with $\\mathcal{O}(\\sqrt{T})$ Regret", "for $H_\\infty$ Control",
	"over $\\mathbb{F}_p$", "in $\\mathbb{R}^n$", "with $^{13}$C Labeling",
	"for Large $N$", "at $z \\approx 2$",
}

var emphPhrases = []string{
	"\\emph{in vivo}", "\\emph{in silico}", "\\emph{de novo}", "\\emph{ab initio}",
	"in \\textit{Drosophila melanogaster}", "in \\emph{Escherichia coli}",
	"in \\emph{Arabidopsis thaliana}", "\\emph{a priori}",
}

var verbs = []string{"Rank", "Optimize", "Predict", "Segment", "Generate", "Explain", "Compress", "Schedule", "Search", "Reason About"}

var surveys = []string{"A Survey of", "A Review of", "A Comparative Study of", "A Survey on", "An Empirical Study of", "Revisiting", "Rethinking", "Understanding"}

var datasets = []string{
	"ImageNet", "CIFAR-10", "MNIST", "COCO", "SQuAD", "GLUE", "the UK Biobank",
	"TCGA", "the Sloan Digital Sky Survey", "the Penn Treebank", "WikiText-103",
	"Kinetics-400", "LibriSpeech", "MIMIC-III", "TPC-H", "YCSB", "SPEC CPU2017",
	"OGB", "ShapeNet", "KITTI",
}

var keywordPool = []string{
	"deep learning", "machine learning", "computer vision", "natural language processing",
	"optimization", "statistics", "bayesian inference", "graph theory",
	"distributed systems", "databases", "programming languages", "compilers",
	"formal methods", "security", "privacy", "cryptography", "networking",
	"genomics", "bioinformatics", "neuroscience", "epidemiology",
	"clinical trials", "cosmology", "condensed matter", "particle physics",
	"climate", "econometrics", "game theory", "robotics", "control theory",
	"signal processing", "information theory", "human-computer interaction",
	"reinforcement learning", "causal inference", "time series",
	"high-performance computing", "quantum computing", "reproducibility",
	"benchmarking", "survey", "theory", "algorithms", "complexity",
}

var primaryClasses = []string{"cs.LG", "cs.CV", "cs.CL", "stat.ML", "math.OC", "hep-th", "astro-ph.GA", "q-bio.GN", "quant-ph", "cond-mat.stat-mech", "cs.DC", "cs.DB", "cs.PL", "cs.CR"}

var oldArchives = []string{"hep-th", "hep-ph", "astro-ph", "cond-mat", "gr-qc", "quant-ph", "math"}

var monthMacros = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var uniHosts = []string{"cs.stanford.edu", "www.cs.cmu.edu", "people.csail.mit.edu", "www.inf.ethz.ch", "www.cl.cam.ac.uk", "www.di.ens.fr", "homes.cs.washington.edu", "www.cs.toronto.edu"}

var unpublishedNotes = []string{
	"Manuscript in preparation", "Submitted for publication", "Unpublished manuscript",
	"Preprint", "Personal communication", "Lecture notes", "Under review at {JMLR}",
	"Draft, available from the author upon request",
}

var freeTexts = []string{
	"Imported from Zotero on 2021-03-04.",
	"---- Background reading below ----",
	"TODO: check the page numbers of the following entries",
	"The entries below were merged from an old thesis bibliography.",
	"Duplicates removed by hand; keep this file sorted by year.",
	"(Exported from Mendeley Desktop)",
	"=========================================",
}

var owners = []string{"jdoe", "alice", "bob", "mmueller", "admin", "lab"}
