using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// Finds every use of generics in a compiled assembly by reading its metadata: generic parameters
    /// (generic types or methods declared), method specs (generic method calls), and generic
    /// instantiations or type variables in any signature (type specs, fields, methods, member
    /// references, properties, locals). The nanoFramework 1.x runtime cannot load any of them.
    /// </summary>
    public static class GenericUseScanner
    {
        public static List<string> Scan(string assemblyPath) => Scan(File.ReadAllBytes(assemblyPath));

        public static List<string> Scan(byte[] image)
        {
            var findings = new List<string>();
            using var pe = new PEReader(ImmutableArray.Create(image));
            MetadataReader md = pe.GetMetadataReader();
            var provider = new GenericSignatureProvider(md);

            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(h);
                string typeName = md.GetString(type.Name);
                if (type.GetGenericParameters().Count > 0)
                {
                    findings.Add($"generic type {typeName}");
                }

                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    string name = typeName + "." + md.GetString(method.Name);
                    if (method.GetGenericParameters().Count > 0)
                    {
                        findings.Add($"generic method {name}");
                    }

                    if (Uses(provider, () => method.DecodeSignature(provider, null)))
                    {
                        findings.Add($"generic type in the signature of {name}");
                    }

                    if (method.RelativeVirtualAddress != 0)
                    {
                        MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                        if (!body.LocalSignature.IsNil)
                        {
                            StandaloneSignature locals = md.GetStandaloneSignature(body.LocalSignature);
                            if (Uses(provider, () => locals.DecodeLocalSignature(provider, null)))
                            {
                                findings.Add($"generic local variable in {name}");
                            }
                        }
                    }
                }

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    if (Uses(provider, () => field.DecodeSignature(provider, null)))
                    {
                        findings.Add($"generic field {typeName}.{md.GetString(field.Name)}");
                    }
                }

                foreach (PropertyDefinitionHandle ph in type.GetProperties())
                {
                    PropertyDefinition property = md.GetPropertyDefinition(ph);
                    if (Uses(provider, () => property.DecodeSignature(provider, null)))
                    {
                        findings.Add($"generic property {typeName}.{md.GetString(property.Name)}");
                    }
                }
            }

            if (md.GetTableRowCount(TableIndex.MethodSpec) > 0)
            {
                findings.Add($"{md.GetTableRowCount(TableIndex.MethodSpec)} generic method instantiation(s) (MethodSpec)");
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecification spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
                if (Uses(provider, () => spec.DecodeSignature(provider, null)))
                {
                    findings.Add($"generic type instantiation (TypeSpec row {row})");
                }
            }

            foreach (MemberReferenceHandle rh in md.MemberReferences)
            {
                MemberReference reference = md.GetMemberReference(rh);
                bool generic = reference.GetKind() == MemberReferenceKind.Method
                    ? Uses(provider, () => reference.DecodeMethodSignature(provider, null))
                    : Uses(provider, () => reference.DecodeFieldSignature(provider, null));
                if (generic)
                {
                    findings.Add($"generic type in the signature of referenced member {md.GetString(reference.Name)}");
                }
            }

            foreach (TypeReferenceHandle th in md.TypeReferences)
            {
                string name = md.GetString(md.GetTypeReference(th).Name);
                if (name.Contains('`'))
                {
                    findings.Add($"reference to generic type {name}");
                }
            }

            return findings;
        }

        private static bool Uses(GenericSignatureProvider provider, System.Action decode)
        {
            provider.Found = false;
            decode();
            return provider.Found;
        }

        /// <summary>Decodes signatures only to notice generic instantiations and type variables.</summary>
        private sealed class GenericSignatureProvider : ISignatureTypeProvider<int, object>
        {
            private readonly MetadataReader _md;

            public GenericSignatureProvider(MetadataReader md) => _md = md;

            public bool Found { get; set; }

            public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments)
            {
                Found = true;
                return 0;
            }

            public int GetGenericMethodParameter(object genericContext, int index)
            {
                Found = true;
                return 0;
            }

            public int GetGenericTypeParameter(object genericContext, int index)
            {
                Found = true;
                return 0;
            }

            public int GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
                => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

            public int GetArrayType(int elementType, ArrayShape shape) => 0;
            public int GetByReferenceType(int elementType) => 0;
            public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
            public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
            public int GetPinnedType(int elementType) => 0;
            public int GetPointerType(int elementType) => 0;
            public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
            public int GetSZArrayType(int elementType) => 0;
            public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 0;
            public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        }
    }
}
