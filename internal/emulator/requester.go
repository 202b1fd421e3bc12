package emulator

import (
	"errors"
	"fmt"
	"math"
	"net/http"
)

// DefaultBalance is the requester's balance, in US dollars, until
// SetRequesterBalance changes it.
const DefaultBalance = 100.0

// requesterPublicName is the name Tolokers see, by language.
var requesterPublicName = map[string]string{"EN": "Emulated requester"}

// getRequester answers GET /requester: the account of the credentials, as
// owner names it, with its balance and company.
func (s *Server) getRequester(*call) answer {
	return jsonAnswer(http.StatusOK, map[string]any{
		"id":          s.owner["id"],
		"balance":     s.balance,
		"public_name": requesterPublicName,
		"company":     map[string]any{"id": s.owner["company_id"], "superintendent_id": s.owner["id"]},
	})
}

// SetRequesterBalance sets the balance GET /requester reports, in US
// dollars; it may be negative (an overdraft) but must be finite.
func (s *Server) SetRequesterBalance(balance float64) error {
	if math.IsNaN(balance) || math.IsInf(balance, 0) {
		return fmt.Errorf("emulator: balance %v is not a finite number", balance)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.balance = balance
	return nil
}

func (s *Server) controlRequesterBalance(c *call) answer {
	return controlOf(false, func(_ string, in struct {
		Balance *float64 `json:"balance"`
	}) error {
		if in.Balance == nil {
			return errors.New("emulator: balance is required")
		}
		return s.SetRequesterBalance(*in.Balance)
	})(c)
}
