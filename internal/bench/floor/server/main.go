// Command server is the benchmark's floor provider (package floor).
package main

import (
	"context"
	"log"
	"os"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/bench/floor"
)

func main() {
	if err := floor.Serve(context.Background(), os.Getenv(floor.ModeVariable), os.Getenv(floor.ShapeVariable)); err != nil {
		log.Fatal(err)
	}
}
