// UnitsNet.nanoFramework.{Temperature,Pressure,Length} 5.75.0 (assemblies UnitsNet.<Quantity>, PublicKeyToken=null).
namespace UnitsNet
{
    public struct Temperature
    {
        public double DegreesCelsius => throw null;

        public double Kelvins => throw null;

        public double DegreesFahrenheit => throw null;
    }

    public struct Pressure
    {
        public double Hectopascals => throw null;

        public double Pascals => throw null;
    }

    public struct Length
    {
    }
}
