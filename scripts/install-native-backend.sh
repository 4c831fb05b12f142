#!/usr/bin/env bash
# Installs the native TensorFlow backend (@tensorflow/tfjs-node) without Google's libtensorflow download.
#
# tfjs-node's own install script downloads libtensorflow from storage.googleapis.com, which some networks
# (universities, hospitals, this project's build machines) block; npm then skips the optional package and
# grading runs on WebAssembly. TensorFlow's Python wheel carries the same C API (libtensorflow_cc.so.2 exports
# it), and pip can usually get a wheel where Google's download is blocked. This script, run after `npm ci`:
#   1. installs @tensorflow/tfjs-node (the version in package.json) without running its install script;
#   2. takes libtensorflow and its C headers from a tensorflow-cpu wheel (LABGRADE_TF_WHEEL, or the cache,
#      or `pip download`), stripped of debugging symbols, into the package's deps/ folder;
#   3. builds the package's binding from source against this machine's Node.js headers (node-gyp, offline),
#      or reuses the one it built before for the same package, TensorFlow and Node.js versions;
#   4. checks that the backend loads and computes.
# The wheel, the stripped libraries and the built binding are cached outside node_modules
# (LABGRADE_NATIVE_CACHE, default ~/.cache/labgrade/native), so running it again after `npm ci` takes a few
# seconds (about a minute the first time, with the download and the build). It is idempotent:
# where the backend already loads, it says so and stops (--force rebuilds).
#
#   npm run install:native [-- --force]
#
# Linux on x86_64 only (the wheels for other systems package the library differently).
set -euo pipefail

TF_VERSION="${LABGRADE_TF_VERSION:-2.21.0}"
CACHE="${LABGRADE_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/labgrade/native}"
FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    *) echo "install-native-backend: unknown option \"$arg\"; the only option is --force." >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
ROOT="$PWD"
say() { echo "install-native-backend: $*"; }
fail() {
  echo "install-native-backend: $*" >&2
  exit 1
}
started=$SECONDS

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
  fail "Expected Linux on x86_64, but this is $(uname -s) on $(uname -m). Elsewhere, \`npm install\` installs @tensorflow/tfjs-node with its own download; or grade with --backend wasm."
[ -d node_modules/@tensorflow/tfjs ] ||
  fail "Expected the project's packages in node_modules, but @tensorflow/tfjs is not there. Run \`npm ci\` first."
for tool in python3 make g++; do
  command -v "$tool" >/dev/null ||
    fail "Expected $tool (to read the wheel and build the binding), but it is not installed (Debian: apt-get install -y build-essential python3)."
done

TFJS_NODE_VERSION="$(node -p "require('./package.json').optionalDependencies['@tensorflow/tfjs-node']")"
PKG="$ROOT/node_modules/@tensorflow/tfjs-node"

# A check that the backend loads and computes; what it prints on failure says why.
probe() {
  node -e "
    const tf = require('@tensorflow/tfjs-node');
    if (tf.getBackend() !== 'tensorflow') throw new Error('the tensorflow backend is not the active one (' + tf.getBackend() + ')');
    const y = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync();
    if (y[0] !== 17 || y[1] !== 39) throw new Error('matMul gave ' + Array.from(y) + ', expected 17,39');
    console.log('tfjs-node ' + tf.version['tfjs-node'] + ' on TensorFlow ' + tf.backend().binding.TF_Version);
  " 2>&1 | grep -v -e 'InitializeLog' -e '^I0000' -e '^To enable the following instructions'
  return "${PIPESTATUS[0]}"
}

if [ "$FORCE" = 0 ] && [ -f "$PKG/package.json" ] && probe >/dev/null 2>&1; then
  say "the native backend is already installed and works: $(probe). Nothing to do (--force rebuilds it)."
  exit 0
fi

# 1. The package, without its install script (which would try the download).
if [ "$(node -p "try { require('$PKG/package.json').version } catch { '' }")" != "$TFJS_NODE_VERSION" ]; then
  say "installing @tensorflow/tfjs-node@$TFJS_NODE_VERSION without its install script"
  npm install --no-save --ignore-scripts --no-audit --no-fund "@tensorflow/tfjs-node@$TFJS_NODE_VERSION" >/dev/null ||
    fail "npm could not install @tensorflow/tfjs-node@$TFJS_NODE_VERSION. Check that the npm registry can be reached (npm ping)."
fi

# 2. libtensorflow and its headers, from the wheel, through the cache.
LIBS="$CACHE/libtensorflow-$TF_VERSION"
if ! [ -f "$LIBS/complete" ]; then
  mkdir -p "$CACHE"
  WHEEL="${LABGRADE_TF_WHEEL:-}"
  if [ -z "$WHEEL" ]; then
    WHEEL="$(ls "$CACHE"/tensorflow_cpu-"$TF_VERSION"-*-manylinux*_x86_64.whl 2>/dev/null | head -n 1 || true)"
  fi
  if [ -z "$WHEEL" ]; then
    PYTHON=""
    for candidate in python3 /usr/bin/python3 python; do
      if command -v "$candidate" >/dev/null && "$candidate" -m pip --version >/dev/null 2>&1; then PYTHON="$candidate"; break; fi
    done
    [ -n "$PYTHON" ] ||
      fail "Expected pip (python3 -m pip) to download the tensorflow-cpu $TF_VERSION wheel, but no Python here has pip. Install pip, or download the wheel elsewhere and name it: LABGRADE_TF_WHEEL=/path/to/tensorflow_cpu-$TF_VERSION-...whl npm run install:native"
    say "downloading the tensorflow-cpu $TF_VERSION wheel with $PYTHON -m pip (about 270 MB, once)"
    "$PYTHON" -m pip download --no-deps --only-binary=:all: --dest "$CACHE" "tensorflow-cpu==$TF_VERSION" >"$CACHE/pip.log" 2>&1 ||
      fail "pip could not download tensorflow-cpu==$TF_VERSION (its log: $CACHE/pip.log). Check pip's index (pip config list), or download the wheel elsewhere and name it with LABGRADE_TF_WHEEL."
    WHEEL="$(ls "$CACHE"/tensorflow_cpu-"$TF_VERSION"-*.whl | head -n 1)"
  fi
  [ -f "$WHEEL" ] || fail "Expected a tensorflow-cpu wheel at $WHEEL, but there is no such file."
  say "extracting libtensorflow and its C headers from $(basename "$WHEEL")"
  rm -rf "$LIBS.partial" && mkdir -p "$LIBS.partial/lib" "$LIBS.partial/include"
  python3 - "$WHEEL" "$LIBS.partial" <<'PY' || fail "Could not read the wheel: is it a complete tensorflow-cpu wheel for Linux on x86_64?"
import fnmatch, os, shutil, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
libs = ['tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2']
headers = ['tensorflow/c/*', 'tensorflow/core/platform/ctstring*', 'tsl/platform/ctstring*', 'xla/tsl/c/*']
with zipfile.ZipFile(wheel) as z:
    names = set(z.namelist())
    missing = [l for l in libs if l not in names]
    if missing:
        sys.exit(f'the wheel has no {", ".join(missing)}')
    for lib in libs:
        with z.open(lib) as src, open(os.path.join(out, 'lib', os.path.basename(lib)), 'wb') as dst:
            shutil.copyfileobj(src, dst)
    count = 0
    for name in names:
        rel = name[len('tensorflow/include/'):] if name.startswith('tensorflow/include/') else None
        if rel and not name.endswith('/') and any(fnmatch.fnmatchcase(rel, h) for h in headers):
            target = os.path.join(out, 'include', rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(name) as src, open(target, 'wb') as dst:
                shutil.copyfileobj(src, dst)
            count += 1
    if not os.path.exists(os.path.join(out, 'include', 'tensorflow/c/c_api.h')):
        sys.exit('the wheel has no tensorflow/c/c_api.h')
    print(f'{count} headers')
PY
  if command -v strip >/dev/null; then
    # Debugging symbols are most of the library: 788 MB -> 583 MB for 2.21.
    strip --strip-unneeded "$LIBS.partial/lib/libtensorflow_cc.so.2" "$LIBS.partial/lib/libtensorflow_framework.so.2"
  fi
  touch "$LIBS.partial/complete"
  rm -rf "$LIBS" && mv "$LIBS.partial" "$LIBS"
fi

# The C API lives in libtensorflow_cc.so.2; the binding links against libtensorflow.so (and tfjs-node's
# scripts look for libtensorflow.so.2.9.1, the version it was released with).
rm -rf "$PKG/deps" && mkdir -p "$PKG/deps/lib"
for lib in libtensorflow_cc.so.2 libtensorflow_framework.so.2; do
  # A hard link where the cache is on the same file system (no copy of 650 MB), else a copy.
  ln "$LIBS/lib/$lib" "$PKG/deps/lib/$lib" 2>/dev/null || cp "$LIBS/lib/$lib" "$PKG/deps/lib/$lib"
done
for link in libtensorflow.so libtensorflow.so.2 libtensorflow.so.2.9.1; do ln -s libtensorflow_cc.so.2 "$PKG/deps/lib/$link"; done
ln -s libtensorflow_framework.so.2 "$PKG/deps/lib/libtensorflow_framework.so"
cp -R "$LIBS/include" "$PKG/deps/include"

# 3. The binding, built against this machine's Node.js headers: node-gyp must not download them.
NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
NODEDIR="${npm_config_nodedir:-$NODE_PREFIX}"
[ -f "$NODEDIR/include/node/node_api.h" ] ||
  fail "Expected Node.js's headers at $NODEDIR/include/node (node_api.h), but they are not there. Install them (Debian: apt-get install -y libnode-dev, or Node.js from nodejs.org, which ships them), or name their prefix with npm_config_nodedir."
NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || fail "Expected npm's own node-gyp at $NODE_GYP, but it is not there. Reinstall npm, or install node-gyp and set npm_config_node_gyp to its bin/node-gyp.js."
BINDING_PATH="$(cd "$PKG" && node -p "require('@mapbox/node-pre-gyp').find(require('path').resolve('package.json'))")"
# A binding built here before, for the same package, TensorFlow and Node.js, is reused: it is what this step
# would build again.
BUILT="$CACHE/binding-tfjs-node-$TFJS_NODE_VERSION-tf-$TF_VERSION-node-$(node --version)/$(basename "$BINDING_PATH")"
reused=0
if [ "$FORCE" = 0 ] && [ -f "$BUILT" ]; then
  mkdir -p "$(dirname "$BINDING_PATH")" && cp "$BUILT" "$BINDING_PATH"
  if probe >/dev/null 2>&1; then reused=1; say "reusing the binding built earlier ($BUILT)"; fi
fi
if [ "$reused" = 0 ]; then
  say "building the binding against Node.js $(node --version) headers in $NODEDIR"
  (
    cd "$PKG"
    npm_config_node_gyp="$NODE_GYP" node ../../@mapbox/node-pre-gyp/bin/node-pre-gyp install --build-from-source --nodedir="$NODEDIR" >"$CACHE/build.log" 2>&1
  ) || fail "The binding did not build (its log: $CACHE/build.log)."
  mkdir -p "$(dirname "$BUILT")" && cp "$BINDING_PATH" "$BUILT.partial" && mv "$BUILT.partial" "$BUILT"
fi

# 4. The check.
if ! version="$(probe)"; then
  fail "The binding built, but the backend does not work: $version"
fi
say "done in $((SECONDS - started)) s: $version. \`npx labgrade doctor\` now reports the tensorflow backend."
