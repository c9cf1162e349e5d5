# Front door for bwhop. `make run` and `make test` work as the first command on a
# fresh Debian machine: each installs what is missing, builds, then runs.
BUILD ?= build
JOBS  ?= $(shell nproc)
DEBS  := cmake g++ make libcli11-dev nlohmann-json3-dev doctest-dev libssl-dev python3
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test unit gate bench asan fmt clean

deps:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: every scenario against its golden.
run: build
	@$(BUILD)/bwhop check

# Unit and end-to-end tests (ctest).
unit: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The golden gate alone.
gate: build
	@$(BUILD)/bwhop check

# Unit tests, end-to-end tests, then the golden gate, whose last line is the
# summary `N passed, M failed`. The gate runs even when a test failed.
test: build
	@status=0; \
	(cd $(BUILD) && ctest --output-on-failure -j $(JOBS)) || status=1; \
	$(BUILD)/bwhop check || status=1; \
	exit $$status

bench: build
	@bash bench/run.sh $(BUILD)/bwhop

# The unit tests under ASan and UBSan, in a build folder of their own.
asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBWHOP_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

fmt:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan
