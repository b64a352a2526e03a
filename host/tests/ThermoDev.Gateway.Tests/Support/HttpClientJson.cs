using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>Reading JSON responses as documents.</summary>
    public static class HttpClientJson
    {
        /// <summary>GET <paramref name="path"/> (must succeed) as a JSON element.</summary>
        public static async Task<JsonElement> GetFromJsonElementAsync(this HttpClient http, string path)
        {
            string text = await http.GetStringAsync(path);
            return JsonDocument.Parse(text).RootElement;
        }
    }
}
