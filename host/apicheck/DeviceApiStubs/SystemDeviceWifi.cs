// nanoFramework.System.Device.Wifi 1.5.133 (assembly System.Device.Wifi). WifiNetworkHelper lives in
// namespace nanoFramework.Networking; its parameter names differ between overloads (wifiAdapterId,
// WifiAdapter) exactly as declared here.
using System;
using System.Device.Wifi;
using System.Threading;

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }

    // Sealed, its only constructor internal (System.Device.Wifi @ v1.5.133, WifiAdapter.cs): an
    // application never constructs one.
    public sealed class WifiAdapter
    {
        internal WifiAdapter(int NetworkInterface) => throw null;
    }
}

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status => throw null;

        public static Exception HelperException => throw null;

        public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw null;

        public static bool ConnectFixAddress(string ssid, string password, IPConfiguration ipConfiguration, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int WifiAdapter = 0, CancellationToken token = default) => throw null;

        public static bool ScanAndConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int WifiAdapter = 0, CancellationToken token = default) => throw null;

        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw null;
    }
}
