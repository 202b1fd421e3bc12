package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/bench/floor"
)

// planSide is what a plan refresh runs against.
type planSide int

// The sides of a plan refresh, in the order each round runs them.
const (
	// sideData is terraform_data, Terraform's built-in resource: no
	// provider process, no API.
	sideData planSide = iota
	// sideProtocol is the floor on terraform-plugin-go: the provider's
	// schema served with no work at all, the least a provider of this
	// schema can cost (the limit).
	sideProtocol
	// sideFramework is the floor on terraform-plugin-framework: the
	// provider's schema on resources whose Read does nothing.
	sideFramework
	// sideFrameworkAsProvider is the same, run as the provider runs the
	// framework: its protocol server and its memory setting.
	sideFrameworkAsProvider
	// sideProvider is the provider against the emulator.
	sideProvider
	planSides
)

var sideNames = [planSides]string{
	sideData:                "terraform_data",
	sideProtocol:            "the limit: the same schema on terraform-plugin-go, no work",
	sideFramework:           "the same schema on the framework, no-op resource",
	sideFrameworkAsProvider: "the same, run as the provider runs the framework",
	sideProvider:            "the provider",
}

// sideShortNames name the sides in the progress log.
var sideShortNames = [planSides]string{"data", "plugin-go", "framework", "framework as the provider", "provider"}

// planKind is a resource type whose plan refresh is measured.
type planKind struct {
	resource string
	config   func(n int) string
	// others counts the Toloka objects in the state besides the n resources
	// (the project of the pools).
	others int
	// shapeConfig, when set, is the configuration of the lighter shape the
	// floors weigh at the shape scale (shape.go).
	shapeConfig func(n int) string
	// memory says that the provider also plans with each of
	// memorySettings at the memory scales.
	memory bool
}

var planKinds = []planKind{
	{resource: "toloka_project", config: func(n int) string { return projectsConfig("plan", n, false) },
		shapeConfig: func(n int) string { return projectsConfigWith("plan", n, false, jsonFieldSpecs) }, memory: true},
	{resource: "toloka_pool", config: poolsConfig, others: 1},
}

// planScale is the plan refresh of n resources of one kind.
type planScale struct {
	n int
	// objects is how many Toloka objects the plan refreshes.
	objects int
	runs    [planSides][]cliRun
	// requests are the API requests of each plan of the provider, by kind,
	// and connections the connections they were sent on.
	requests    []map[string]int
	connections []int
	// memory are the plans of the provider with each of memorySettings, at
	// the memory scales only.
	memory [][]cliRun
	// shape are the plans of the floors with the lighter shape, at the
	// shape scale only.
	shape [planSides][]cliRun
}

// planKindResult is the plan refresh of one kind at every scale.
type planKindResult struct {
	resource string
	scales   []planScale
}

func (b *bench) planRefresh(ctx context.Context, report *Report) error {
	for _, kind := range planKinds {
		res, err := b.planKindRefresh(ctx, kind, report)
		if err != nil {
			return fmt.Errorf("%s: %w", kind.resource, err)
		}
		report.Plan = append(report.Plan, res)
	}
	return nil
}

// planWorkspaces are the working directories of one kind's plan refresh.
type planWorkspaces struct {
	sides  [planSides]*workspace
	memory []*workspace // the provider's, with each memory setting
	// shape are the floors' with the lighter shape, for a kind that has one.
	shape map[planSide]*workspace
}

// floorModes are the sides a floor plays, with its mode.
var floorModes = map[planSide]string{
	sideProtocol:            floor.ModeProtocol,
	sideFramework:           floor.ModeFramework,
	sideFrameworkAsProvider: floor.ModeFrameworkAsProvider,
}

func (b *bench) planWorkspaces(kind planKind, apiURL string) (*planWorkspaces, error) {
	dir := func(side string) string { return b.dir("plan-" + kind.resource + "-" + side) }
	var w planWorkspaces
	var err error
	if w.sides[sideData], err = b.workspace(dir("data"), apiURL); err != nil {
		return nil, err
	}
	if w.sides[sideProvider], err = b.workspace(dir("provider"), apiURL); err != nil {
		return nil, err
	}
	for side, mode := range floorModes {
		if w.sides[side], err = b.floorWorkspace(dir(mode), mode); err != nil {
			return nil, err
		}
		if kind.shapeConfig == nil || side == sideFrameworkAsProvider {
			continue
		}
		if w.shape == nil {
			w.shape = map[planSide]*workspace{}
		}
		if w.shape[side], err = b.floorWorkspace(dir(mode+"-"+floor.ShapeJSONFieldSpecs), mode,
			floor.ShapeVariable+"="+floor.ShapeJSONFieldSpecs); err != nil {
			return nil, err
		}
	}
	for _, cli := range b.memoryCLIs {
		m, err := b.workspaceOf(cli, w.sides[sideProvider].Dir, apiURL)
		if err != nil {
			return nil, err
		}
		w.memory = append(w.memory, m)
	}
	return &w, nil
}

// planKindRefresh grows the resources of one kind scale by scale, each
// time applying them, then planning over them with every side in turn.
func (b *bench) planKindRefresh(ctx context.Context, kind planKind, report *Report) (planKindResult, error) {
	res := planKindResult{resource: kind.resource}
	emu, err := startUnlimitedEmulator()
	if err != nil {
		return res, err
	}
	defer emu.close()
	w, err := b.planWorkspaces(kind, emu.apiURL)
	if err != nil {
		return res, err
	}
	for _, n := range b.cfg.Sizes.PlanScales {
		b.logf("%s: applying %d, and %d terraform_data", kind.resource, n, n)
		if err := w.prepare(ctx, kind, n); err != nil {
			return res, err
		}
		scale := planScale{n: n, objects: n + kind.others}
		withMemory := kind.memory && slices.Contains(b.cfg.Sizes.MemoryScales, n)
		if withMemory {
			scale.memory = make([][]cliRun, len(memorySettings))
		}
		withShape := w.shape != nil && n == b.cfg.Sizes.ShapeScale
		if withShape {
			if err := w.prepareShape(kind, n); err != nil {
				return res, err
			}
		}
		for rep := range b.cfg.Sizes.Repeats {
			if err := b.planRound(ctx, emu, w, &scale, withMemory, withShape); err != nil {
				return res, err
			}
			b.logf("%s, %d, plan %d/%d: %s", kind.resource, n, rep+1, b.cfg.Sizes.Repeats, scale.roundSummary(rep))
		}
		if got := scale.requestsPerObject(); got != 1 {
			report.Problems = append(report.Problems,
				fmt.Sprintf("a plan refresh of %d %s made %.2f API requests per object, not 1: %v", n, kind.resource, got, scale.requests))
		}
		res.scales = append(res.scales, scale)
	}
	return res, nil
}

// prepare applies n resources with the provider, and n terraform_data, and
// gives the floors the provider's configuration and state.
func (w *planWorkspaces) prepare(ctx context.Context, kind planKind, n int) error {
	config := kind.config(n)
	for _, side := range []planSide{sideData, sideProvider} {
		c := config
		if side == sideData {
			c = dataConfig(n)
		}
		if err := w.sides[side].Write(c); err != nil {
			return err
		}
		// What the state holds was just created: only the new resources
		// need applying.
		if _, err := w.sides[side].run(ctx, append(applyArgs, "-refresh=false")); err != nil {
			return err
		}
	}
	state, err := os.ReadFile(filepath.Join(w.sides[sideProvider].Dir, "terraform.tfstate"))
	if err != nil {
		return err
	}
	for side := range floorModes {
		if err := w.sides[side].Write(config); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(w.sides[side].Dir, "terraform.tfstate"), state, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// prepareShape gives the floors of the lighter shape the provider's state,
// re-shaped, and the configuration of that shape.
func (w *planWorkspaces) prepareShape(kind planKind, n int) error {
	state, err := os.ReadFile(filepath.Join(w.sides[sideProvider].Dir, "terraform.tfstate"))
	if err != nil {
		return err
	}
	if state, err = jsonFieldSpecsState(state); err != nil {
		return err
	}
	for _, ws := range w.shape {
		if err := ws.Write(kind.shapeConfig(n)); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(ws.Dir, "terraform.tfstate"), state, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// planRound plans once with every side, then with every memory setting and
// with the floors of the lighter shape.
func (b *bench) planRound(ctx context.Context, emu *tolokaEmulator, w *planWorkspaces, scale *planScale, withMemory, withShape bool) error {
	for side := range planSides {
		if side == sideProvider {
			emu.ResetRequests()
		}
		opened := emu.connections.Load()
		r, err := w.sides[side].planNoChanges(ctx)
		if err != nil {
			return err
		}
		scale.runs[side] = append(scale.runs[side], r)
		if side == sideProvider {
			scale.requests = append(scale.requests, emu.Requests())
			scale.connections = append(scale.connections, int(emu.connections.Load()-opened))
		}
	}
	for i, m := range w.memory {
		if !withMemory {
			break
		}
		r, err := m.planNoChanges(ctx)
		if err != nil {
			return err
		}
		scale.memory[i] = append(scale.memory[i], r)
	}
	for _, side := range []planSide{sideProtocol, sideFramework} {
		if !withShape {
			break
		}
		r, err := w.shape[side].planNoChanges(ctx)
		if err != nil {
			return err
		}
		scale.shape[side] = append(scale.shape[side], r)
	}
	return nil
}

// roundSummary describes the round rep of a scale for the progress log.
func (s *planScale) roundSummary(rep int) string {
	var parts []string
	for side := range planSides {
		parts = append(parts, fmt.Sprintf("%s %.2fs", sideShortNames[side], s.runs[side][rep].wall.Seconds()))
	}
	for i, runs := range s.memory {
		parts = append(parts, fmt.Sprintf("%s %.2fs", memorySettings[i].name, runs[rep].wall.Seconds()))
	}
	for side, runs := range s.shape {
		if len(runs) > rep {
			parts = append(parts, fmt.Sprintf("%s with JSON field specs %.2fs", floorModes[planSide(side)], runs[rep].wall.Seconds()))
		}
	}
	return strings.Join(parts, ", ")
}

// requestsPerObject is the highest count of API requests per refreshed
// object of any plan.
func (s planScale) requestsPerObject() float64 {
	most := 0
	for _, counts := range s.requests {
		most = max(most, total(counts))
	}
	return float64(most) / float64(max(s.objects, 1))
}

func total(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}
