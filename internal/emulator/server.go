package emulator

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DemoAPIKey is the key a server accepts when Options lists no credential.
// Its shape (a dot at index 22 and exactly two dots) makes Toloka's SDKs send
// it as "ApiKey", not "OAuth".
const DemoAPIKey = "emulator-demo-key-0001.toloka.emulator"

// DefaultOperationDelay is the time from submitting an operation to its end
// when Options.OperationDelay is zero.
const DefaultOperationDelay = time.Second

// Default requester identity written in every object's owner.
const (
	DefaultRequesterID = "5e1f0c0a2b3c4d5e6f708192a3b4c5d6"
	DefaultCompanyID   = "4d3c2b1a0f9e8d7c6b5a493827161504"
)

// maxBodyBytes bounds a request body; larger ones get 413 ENTITY_TOO_LARGE.
const maxBodyBytes = 8 << 20

const (
	apiPrefix     = "/api/v1"
	controlPrefix = "/_emulator"
	// stagingPrefix is the root of Toloka's staging API, beside v1; its
	// routes are written from /staging on.
	stagingPrefix = "/api/staging"
)

// Quota is a creation rate limit: at most PerMinute creations in any minute
// and PerDay in any 24 hours. A zero field leaves that window unlimited.
type Quota struct {
	PerMinute int
	PerDay    int
	// Minute, when set, is the length of the per-minute window instead of
	// a minute (its 429s still name the MIN interval): benchmarks shrink it
	// to watch a client meet the quota in seconds.
	Minute time.Duration
}

// DefaultCreateQuota is Toloka's documented limit for creating projects,
// pools and trainings, each counted apart.
var DefaultCreateQuota = Quota{PerMinute: 20, PerDay: 100}

// DefaultSkillCreateQuota is Toloka's documented limit for creating skills.
var DefaultSkillCreateQuota = Quota{PerMinute: 10, PerDay: 100}

// Options configure a Server. The zero value is usable: it accepts DemoAPIKey
// and applies Toloka's defaults.
type Options struct {
	// APIKeys are accepted as "Authorization: ApiKey <key>".
	APIKeys []string
	// OAuthTokens are accepted as "Authorization: OAuth <token>".
	OAuthTokens []string
	// RequesterID and CompanyID fill owner.id and owner.company_id;
	// defaults DefaultRequesterID and DefaultCompanyID.
	RequesterID string
	CompanyID   string
	// OperationDelay is the time from submitting an operation to its SUCCESS
	// or FAIL. Zero means DefaultOperationDelay; negative means instantaneous.
	OperationDelay time.Duration
	// CreateQuota limits POST /projects (and POST /pools and POST
	// /trainings, each counted apart).
	// Nil means DefaultCreateQuota; &Quota{} disables the limits.
	CreateQuota *Quota
	// SkillCreateQuota limits POST /skills. Nil means
	// DefaultSkillCreateQuota; &Quota{} disables the limits.
	SkillCreateQuota *Quota
	// Now is the clock; nil means time.Now. Tests inject a fake one.
	Now func() time.Time
	// Faults, when set, are injected into API requests (see SetFaults); New
	// panics if they are invalid.
	Faults *Faults
}

// Server is an in-memory Toloka API v1. It serves the API under /api/v1 and
// the test controls under /_emulator; all methods are safe for concurrent use.
type Server struct {
	api      []route
	staging  []route
	controls []route
	now      func() time.Time
	faults   faultInjector

	mu          sync.Mutex
	credentials map[string]bool
	owner       map[string]any
	delay       time.Duration
	quota       Quota
	creations   map[string][]time.Time
	projects    map[int64]*project
	pools       map[int64]*pool
	operations  map[string]*operation
	opOrder     []*operation
	lastProject int64
	lastPool    int64
	// lastCollector numbers the quality-control collectors given a uuid.
	lastCollector int64
	// fillIn holds, by kind, what SetFillIn fills into requests.
	fillIn      map[string]map[string]any
	opSeq       uint64
	opSecs      int64
	failNext    map[string]map[string]any
	injected    int
	injectAfter time.Duration
	requests    map[string]int
	// checkFailure, when set, answers every project check (FailProjectChecks).
	checkFailure *apiError

	trainings map[int64]*pool
	balance   float64
	// skills, the skill values of Tolokers, bans and webhook subscriptions
	skillQuota      Quota
	skills          map[int64]*skill
	userSkills      map[int64]*userSkill
	restrictions    map[int64]*restriction
	webhooks        map[string]*webhook
	lastSkill       int64
	lastUserSkill   int64
	lastRestriction int64
	webhookSeq      uint64
	webhookSecs     int64
	log             requestLog
}

// New returns a server with no objects.
func New(opts Options) *Server {
	s := &Server{
		now:         opts.Now,
		credentials: credentialSet(opts.APIKeys, opts.OAuthTokens),
		owner: map[string]any{
			"id":         orDefault(opts.RequesterID, DefaultRequesterID),
			"myself":     true,
			"company_id": orDefault(opts.CompanyID, DefaultCompanyID),
		},
		delay:       operationDelay(opts.OperationDelay),
		quota:       DefaultCreateQuota,
		creations:   map[string][]time.Time{},
		projects:    map[int64]*project{},
		pools:       map[int64]*pool{},
		operations:  map[string]*operation{},
		failNext:    map[string]map[string]any{},
		fillIn:      map[string]map[string]any{},
		requests:    map[string]int{},
		trainings:   map[int64]*pool{},
		balance:     DefaultBalance,
		lastProject: firstProjectID - 1,
		lastPool:    firstPoolID - 1,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opts.CreateQuota != nil {
		s.quota = *opts.CreateQuota
	}
	s.skillQuota = DefaultSkillCreateQuota
	if opts.SkillCreateQuota != nil {
		s.skillQuota = *opts.SkillCreateQuota
	}
	s.skills, s.userSkills = map[int64]*skill{}, map[int64]*userSkill{}
	s.restrictions, s.webhooks = map[int64]*restriction{}, map[string]*webhook{}
	s.lastSkill, s.lastUserSkill, s.lastRestriction = firstSkillID-1, firstUserSkillID-1, firstRestrictionID-1
	s.api = s.apiRoutes()
	s.staging = s.stagingRoutes()
	s.controls = s.controlRoutes()
	if opts.Faults != nil {
		if err := s.SetFaults(*opts.Faults); err != nil {
			panic(err)
		}
	}
	return s
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func operationDelay(d time.Duration) time.Duration {
	switch {
	case d == 0:
		return DefaultOperationDelay
	case d < 0:
		return 0
	}
	return d
}

func credentialSet(apiKeys, oauthTokens []string) map[string]bool {
	set := map[string]bool{}
	for _, k := range apiKeys {
		if k != "" {
			set["ApiKey "+k] = true
		}
	}
	for _, t := range oauthTokens {
		if t != "" {
			set["OAuth "+t] = true
		}
	}
	if len(set) == 0 {
		set["ApiKey "+DemoAPIKey] = true
	}
	return set
}

// ServeHTTP serves the API under /api/v1 and the controls under /_emulator.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, apiPrefix+"/"), strings.HasPrefix(p, stagingPrefix+"/"):
		s.serveAPIWithFaults(w, r)
	case strings.HasPrefix(p, controlPrefix+"/"):
		s.serveControl(w, r)
	default:
		errorAnswer(errNotFound()).write(w)
	}
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rt, id := s.matchAPIRoute(r.URL.Path)
	body, readErr := readBody(w, r)
	s.mu.Lock()
	a := s.dispatch(r, rt, id, body, readErr)
	s.logRequest(r, rt, a)
	s.mu.Unlock()
	a.write(w)
}

// matchAPIRoute finds the route of an API path: under /api/v1, or under the
// staging root, whose routes keep their /staging segment.
func (s *Server) matchAPIRoute(path string) (*route, string) {
	if rest, ok := strings.CutPrefix(path, stagingPrefix+"/"); ok {
		return matchRoute(s.staging, "/staging/"+rest)
	}
	return matchRoute(s.api, strings.TrimPrefix(path, apiPrefix))
}

// dispatch answers one API request, in the order a gateway and then the
// service would check it. It runs under the lock.
func (s *Server) dispatch(r *http.Request, rt *route, id string, body []byte, readErr *apiError) answer {
	now := s.now()
	s.countRequest(r.Method, rt)
	if err := s.authenticate(r.Header.Get("Authorization")); err != nil {
		return errorAnswer(err)
	}
	if s.injected > 0 {
		s.injected--
		return errorAnswer(errTooManyRequests(s.injectAfter, ""))
	}
	if rt == nil {
		return errorAnswer(errNotFound())
	}
	ep, ok := rt.endpoints[r.Method]
	if !ok {
		return errorAnswer(errMethodNotAllowed(rt.allow()))
	}
	if ep.body && !isJSON(r.Header.Get("Content-Type")) {
		return errorAnswer(errUnsupportedMediaType())
	}
	if ep.body && readErr != nil {
		return errorAnswer(readErr)
	}
	if ep.quota != "" {
		if err := s.chargeQuota(ep.quota, now); err != nil {
			return errorAnswer(err)
		}
	}
	s.settle(now)
	return ep.handle(&call{id: id, query: r.URL.Query(), body: body, now: now})
}

// countRequest records a request under "METHOD /pattern", the pattern
// without the /api/v1 prefix, or "METHOD (unmatched)".
func (s *Server) countRequest(method string, rt *route) {
	key := method + " (unmatched)"
	if rt != nil {
		key = method + " " + rt.pattern
	}
	s.requests[key]++
}

func (s *Server) authenticate(header string) *apiError {
	if header == "" {
		return errAuthentication("Authorization header is missing")
	}
	scheme, token, _ := strings.Cut(header, " ")
	switch strings.ToLower(scheme) {
	case "apikey":
		scheme = "ApiKey"
	case "oauth":
		scheme = "OAuth"
	default:
		return errAuthentication("Unsupported authorization scheme, expected ApiKey or OAuth")
	}
	if !s.credentials[scheme+" "+strings.TrimSpace(token)] {
		return errAuthentication("Invalid credentials")
	}
	return nil
}

func isJSON(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	return err == nil && mediaType == "application/json"
}

// readBody reads the whole body, outside the lock, bounded by maxBodyBytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, errEntityTooLarge()
	case err != nil:
		return nil, errBadBody("Cannot read the request body")
	}
	return body, nil
}

// call is what an API handler gets: the {id} path segment, the query, the
// raw body and the request's instant.
type call struct {
	id    string
	query url.Values
	body  []byte
	now   time.Time
}
