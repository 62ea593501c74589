# facetcl — the two commands of the README are the contract:
#   make demo   set up, build, fine-tune on real NLI data, print the STS-B before/after table
#   make test   set up, build, run the test suite
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
DOTNET := scripts/dotnet
CONFIG ?= Release
DEMO_CONFIG ?= configs/demo.yaml

.PHONY: all setup build test demo bench clean format

all: build

# System packages and the private C++ runtime TorchSharp needs on Debian 12 (cached; see scripts/setup-runtime.sh).
setup:
	@scripts/setup-system.sh
	@scripts/setup-runtime.sh >/dev/null

build: setup
	@$(DOTNET) build FacetCL.sln -c $(CONFIG) -v quiet -nologo -clp:NoSummary

test: build
	@$(DOTNET) test FacetCL.sln -c $(CONFIG) --no-build -v quiet -nologo --logger "console;verbosity=normal" 2>&1 | scripts/test-summary.sh

bench: build
	@./facetcl bench $(BENCH_ARGS)

demo: build
	@DEMO_CONFIG=$(DEMO_CONFIG) scripts/demo.sh

format:
	@$(DOTNET) format FacetCL.sln

clean:
	rm -rf src/*/bin src/*/obj tests/*/bin tests/*/obj
