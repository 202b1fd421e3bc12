package emulator

import "time"

// quotaWindow is one window of a creation quota.
type quotaWindow struct {
	length   time.Duration
	limit    int
	interval string
}

func (q Quota) windows() []quotaWindow {
	return []quotaWindow{
		{q.minute(), q.PerMinute, "MIN"},
		{24 * time.Hour, q.PerDay, "DAY"},
	}
}

// quotaOf is the quota of a kind of creation: skills have their own.
func (s *Server) quotaOf(kind string) Quota {
	if kind == quotaSkills {
		return s.skillQuota
	}
	return s.quota
}

// minute is the length of the per-minute window.
func (q Quota) minute() time.Duration {
	if q.Minute > 0 {
		return q.Minute
	}
	return time.Minute
}

// chargeQuota counts one creation request of kind at now, or answers 429 if
// a window is full. Every request that gets past the quota counts, whether
// or not it then passes validation: the service limits requests, not objects.
func (s *Server) chargeQuota(kind string, now time.Time) *apiError {
	stamps := pruneBefore(s.creations[kind], now.Add(-24*time.Hour))
	for _, w := range s.quotaOf(kind).windows() {
		if w.limit <= 0 {
			continue
		}
		inWindow := pruneBefore(stamps, now.Add(-w.length))
		if len(inWindow) >= w.limit {
			s.creations[kind] = stamps
			oldest := inWindow[len(inWindow)-w.limit]
			return errTooManyRequests(oldest.Add(w.length).Sub(now), w.interval)
		}
	}
	s.creations[kind] = append(stamps, now)
	return nil
}

// pruneBefore returns the suffix of the ascending stamps that are after t.
func pruneBefore(stamps []time.Time, t time.Time) []time.Time {
	for i, st := range stamps {
		if st.After(t) {
			return stamps[i:]
		}
	}
	return nil
}
