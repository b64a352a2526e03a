#!/usr/bin/env bash
# Flash the nanoFramework firmware, store Wi-Fi credentials and deploy ThermoDev with nanoff.
# Same commands as thermodev-flash.ps1; see README.md next to this file.
set -euo pipefail

# The nanoff release whose options and Wi-Fi JSON these commands follow; nanoff 3 changed its command line.
readonly NANOFF_VERSION=2.5.162
# For the original ESP32 chip only (with or without PSRAM): other chips need their own target (--target).
readonly DEFAULT_TARGET=ESP32_PSRAM_REV0
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
  cat <<EOF
Usage: $(basename "$0") [--dry-run] <command> [options]

Commands:
  tools      install nanoff $NANOFF_VERSION if it is missing (with --update: reinstall that version)
  ports      list the serial ports
  targets    list the ESP32 firmware targets
  firmware   flash the nanoFramework firmware   (--port, [--target], [--masserase])
  wifi       store Wi-Fi credentials on the device (--port, --ssid); nanoff prints its
             "No operation was performed" help first, then stores them
  deploy     deploy the ThermoDev image          (--port, [--image])
  all        firmware, wifi and deploy, in this order; stops at the first failure

Options:
  --port <port>     serial port, e.g. /dev/ttyUSB0 or COM3
  --target <name>   firmware target for the board's chip (default $DEFAULT_TARGET):
                      ESP32     ESP32_PSRAM_REV0 or ESP32_REV0 (any revision),
                                ESP32_PSRAM_REV3 or ESP32_REV3 (chip revision v3 only)
                      ESP32-S2  ESP32_S2
                      ESP32-S3  ESP32_S3_QUAD (quad or no PSRAM), ESP32_S3_OCTAL (octal PSRAM)
                      ESP32-C3  ESP32_C3 (revision v0.3 and later), ESP32_C3_BETA (v0.2)
                      ESP32-C6  ESP32_C6_THREAD
                    nanoff does not check a named target against the chip: a wrong one does not boot
  --masserase       erase the whole flash before writing the firmware
  --ssid <ssid>     Wi-Fi network name (1 to 32 bytes in UTF-8)
  --image <path>    app image (default ThermoDev/bin/Release/ThermoDev.bin in the repository)
  --update          tools: reinstall nanoff $NANOFF_VERSION even when a nanoff is installed
  --dry-run         print the commands without running them
  -h, --help        show this help

The Wi-Fi password (up to 64 bytes in UTF-8) comes from THERMODEV_WIFI_PASSWORD or,
when that is empty, from a hidden prompt. It is never printed.

Exit codes: 0 when every step worked, 2 for bad input, 127 when nanoff is missing;
otherwise the failing step's exit code. nanoff's error codes (E1000 to E9015) reach
Linux and macOS modulo 256 (E9000, a bad command line, is 40); none becomes 0.
EOF
}

die_usage() {
  echo "error: $*" >&2
  usage >&2
  exit 2
}

# Prints a command line, quoted so that it can be pasted into a shell.
show() {
  local out='' a
  for a in "$@"; do out+=" $(printf '%q' "$a")"; done
  echo "${out# }"
}

# Runs a command (or only prints it with --dry-run); a failure ends the script with its exit code.
run() {
  if ((dry)); then
    show "$@"
    return 0
  fi
  echo "==> $(show "$@")"
  "$@" || exit $?
}

# A JSON string literal: quotes, backslashes and control characters escaped.
json_string() {
  local s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      '"' | \\) out+="\\$c" ;;
      [[:cntrl:]]) printf -v c '\\u%04x' "'$c"; out+=$c ;;
      *) out+=$c ;;
    esac
  done
  printf '"%s"' "$out"
}

wifi_json() {
  printf '{"SerialPort":%s,"WirelessClient":{"Ssid":%s,"Password":%s}}' \
    "$(json_string "$port")" "$(json_string "$ssid")" "$(json_string "$1")"
}

need_port() { [[ -n $port ]] || die_usage "$cmd needs --port"; }

# Length in bytes of the UTF-8 text: the Wi-Fi limits (SSID 32, password 64) are in bytes.
byte_length() {
  local LC_ALL=C
  printf '%s' "${#1}"
}

need_ssid() {
  [[ -n $ssid ]] || die_usage "$cmd needs --ssid (1 to 32 bytes)"
  (($(byte_length "$ssid") <= 32)) || die_usage "the SSID is longer than 32 bytes in UTF-8"
}

need_image() { [[ -f $image ]] || die_usage "image not found: $image"; }

read_password() {
  password=${THERMODEV_WIFI_PASSWORD:-}
  if [[ -z $password ]] && ((!dry)); then
    [[ -t 0 ]] || die_usage "set THERMODEV_WIFI_PASSWORD or run in a terminal to be asked for the password"
    read -r -s -p "Wi-Fi password for $ssid: " password || true
    echo >&2
  fi
  (($(byte_length "$password") <= 64)) || die_usage "the Wi-Fi password is longer than 64 bytes in UTF-8"
}

tools() {
  if ! command -v nanoff >/dev/null 2>&1; then
    run dotnet tool install -g nanoff --version "$NANOFF_VERSION"
  elif ((update)); then
    run dotnet tool update -g nanoff --version "$NANOFF_VERSION" --allow-downgrade
  else
    echo "nanoff is installed ($(command -v nanoff)); use --update to reinstall nanoff $NANOFF_VERSION"
  fi
}

firmware() {
  local words=(nanoff --update --target "$target" --serialport "$port")
  if ((masserase)); then words+=(--masserase); fi
  run "${words[@]}"
}

wifi() {
  if ((dry)); then
    echo "nanoff --networkdeployment <wifi.json>"
    echo "# <wifi.json> = $(wifi_json '***')"
    return 0
  fi
  wifi_file=$(umask 077 && mktemp "${TMPDIR:-/tmp}/thermodev-wifi.XXXXXX")
  wifi_json "$password" >"$wifi_file"
  run nanoff --networkdeployment "$wifi_file"
  rm -f -- "$wifi_file"
  wifi_file=''
}

deploy() { run nanoff --nanodevice --deploy --serialport "$port" --image "$image"; }

need_nanoff() {
  ((dry)) || command -v nanoff >/dev/null 2>&1 ||
    { echo "error: nanoff not found on PATH; run: $(basename "$0") tools" >&2; exit 127; }
}

cmd='' port='' target=$DEFAULT_TARGET ssid='' password='' wifi_file=''
image="$root/ThermoDev/bin/Release/ThermoDev.bin"
masserase=0 update=0 dry=0

while (($#)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --dry-run) dry=1 ;;
    --masserase) masserase=1 ;;
    --update) update=1 ;;
    --port | --target | --ssid | --image)
      (($# >= 2)) || die_usage "$1 needs a value"
      case $1 in
        --port) port=$2 ;;
        --target) target=$2 ;;
        --ssid) ssid=$2 ;;
        --image) image=$2 ;;
      esac
      shift
      ;;
    -*) die_usage "unknown option: $1" ;;
    *)
      [[ -z $cmd ]] || die_usage "unexpected argument: $1"
      cmd=$1
      ;;
  esac
  shift
done

# The credentials file never outlives the script, whatever way it ends.
trap 'if [[ -n $wifi_file ]]; then rm -f -- "$wifi_file"; fi' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

case $cmd in
  tools) tools ;;
  ports) need_nanoff; run nanoff --listports ;;
  targets) need_nanoff; run nanoff --listtargets --platform esp32 ;;
  firmware) need_port; need_nanoff; firmware ;;
  wifi) need_port; need_ssid; read_password; need_nanoff; wifi ;;
  deploy) need_port; need_image; need_nanoff; deploy ;;
  all) need_port; need_ssid; need_image; read_password; need_nanoff; firmware; wifi; deploy ;;
  '') die_usage "no command given" ;;
  *) die_usage "unknown command: $cmd" ;;
esac
